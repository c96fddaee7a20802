"""Source metadata, stored compressed in blocks of 64 sources and parsed only when asked for.

A corpus of a hundred thousand poems must not cost a hundred thousand parses per run, nor 36 MB of
JSON on disk (the same paths, origins and licences over and over): zlib brings it to a tenth.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from array import array
from collections.abc import Iterator, Sequence

import numpy as np

from yinwen.corpus.excerpts import Excerpt
from yinwen.corpus.sources import METADATA_FIELDS, Source
from yinwen.text.script import simplified
from yinwen.text.speakers import resolve_speaker

PER_BLOCK = 64
KEPT_BLOCKS = 32  # decoded blocks kept (a run cites sources all over the table)
TABLE_ARRAYS = ("table_blob", "table_blocks", "works", "id_keys", "id_order", "titles", "whole_texts")


def work_key(name: str) -> int:
    """A 64-bit hash of a title, book name or id (blake2b: stable across processes, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "little")


EMPTY_KEY = work_key("")  # an empty title names no work


def speaker_key(canonical: str) -> int:
    """The key under which the table records that it holds texts by a person (beside the works' keys)."""
    return work_key("\x00speaker\x00" + canonical)


class TableBuilder:
    """Collects metadata while the sources stream past, compressing each full block.

    Per source it keeps only numbers in flat arrays and the title's bytes: a list of 70,000 id and
    title strings would pin most of the memory the streamed sources were read into (each small
    string keeps its whole allocator arena alive), some 60 MB of the bundled corpus's build."""

    def __init__(self) -> None:
        self.blocks: list[bytes] = []
        self.rows: list[list[object]] = []
        self.count = 0
        self.id_keys = array("Q")
        self.work_keys = array("Q")  # titles and books
        self.titles = bytearray()  # one a line
        self.whole: list[list[object]] = []  # [index, title, occasion] of each source held whole

    def add(self, source: Source) -> None:
        self.rows.append(source.metadata_row())
        self.work_keys.append(work_key(source.title))
        if source.book:
            self.work_keys.append(work_key(source.book))
            collection = source.book.split("·")[0]  # 诗经 for 诗经·大雅·生民之什: a draft names the whole
            if collection != source.book:
                self.work_keys.append(work_key(collection))
        if source.speaker:
            self.work_keys.append(speaker_key(resolve_speaker(simplified(source.speaker))))
        self.id_keys.append(work_key(source.id))
        if self.count:
            self.titles += b"\n"
        self.titles += source.title.replace("\n", " ").encode("utf-8")
        if (source.completeness or "").startswith("full"):
            self.whole.append([self.count, source.title, source.occasion or ""])
        self.count += 1
        if len(self.rows) == PER_BLOCK:
            self._seal()

    def _seal(self) -> None:
        # One JSON array per block: one encoder call per 64 sources, not one per source.
        self.blocks.append(zlib.compress(json.dumps(self.rows, ensure_ascii=False).encode("utf-8"), 3))
        self.rows = []

    def arrays(self) -> dict[str, np.ndarray]:
        if self.rows:
            self._seal()
        ends = np.cumsum([len(block) for block in self.blocks], dtype=np.int64)
        ids = np.frombuffer(self.id_keys, dtype=np.uint64) if self.count else np.zeros(0, np.uint64)
        order = np.argsort(ids, kind="stable")
        works = np.frombuffer(self.work_keys, dtype=np.uint64) if len(self.work_keys) else np.zeros(0, np.uint64)
        return {"table_blob": np.frombuffer(b"".join(self.blocks), dtype=np.uint8),
                "table_blocks": np.concatenate(([0], ends)).astype(np.int64),
                "works": np.unique(works[works != EMPTY_KEY]),
                "id_keys": ids[order], "id_order": order.astype(np.int64),
                # Every title, one a line (compressed): for the rare prefix question of ``holds_title``.
                "titles": np.frombuffer(zlib.compress(bytes(self.titles), 6), dtype=np.uint8),
                # The few sources held whole, for ``whole_texts_of``.
                "whole_texts": np.frombuffer(json.dumps(self.whole, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)}


class SourceTable(Sequence[Source]):
    """The sources' metadata (``Source`` records without text), decompressed a block at a time."""

    def __init__(self, arrays: dict[str, np.ndarray], count: int) -> None:
        self._arrays = {name: arrays[name] for name in TABLE_ARRAYS}
        self._blob = arrays["table_blob"]
        self._blocks = arrays["table_blocks"]
        self._works = arrays["works"]
        self._id_keys = arrays["id_keys"]
        self._id_order = arrays["id_order"]
        self._count = count
        self._cache: dict[int, Source] = {}
        self._blocks_read: dict[int, list[list]] = {}
        self._titles = arrays["titles"]
        self._whole_blob = arrays["whole_texts"]
        self._whole: list[list] | None = None
        self._occasions: dict[str, list[int]] = {}
        self._held: dict[str, bool] = {}
        self._title_lines: bytes | None = None

    @classmethod
    def from_sources(cls, sources: list[Source]) -> SourceTable:
        builder = TableBuilder()
        for source in sources:
            builder.add(source)
        return cls(builder.arrays(), len(sources))

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Source]:
        for index in range(self._count):
            yield self[index]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = checked_index(index, len(self))
        cached = self._cache.get(index)
        if cached is None:
            block, row = divmod(index, PER_BLOCK)
            rows = self._blocks_read.get(block)
            if rows is None:
                if len(self._blocks_read) >= KEPT_BLOCKS:
                    self._blocks_read.pop(next(iter(self._blocks_read)))
                start, end = int(self._blocks[block]), int(self._blocks[block + 1])
                rows = self._blocks_read[block] = json.loads(zlib.decompress(self._blob[start:end].tobytes()))
            cached = _source_from_metadata(rows[row])
            self._cache[index] = cached
        return cached

    def names_work(self, name: str) -> bool:
        """Whether any source has this title or belongs to this book (a lookup among hashes of the
        titles and books, so the metadata of every source is neither parsed nor scanned)."""
        return _contains(self._works, work_key(name))

    def has_speaker(self, canonical: str) -> bool:
        """Whether any source is by this person (canonical name): a quotation credited to someone the
        corpus holds nothing by cannot be shown to be someone else's words."""
        return _contains(self._works, speaker_key(canonical))

    def holds_title(self, title: str) -> bool:
        """Whether a source's title begins with ``title``, alone or after a collection's ·  (凉州词 for
        凉州词二首 一 or 千家诗·七言絕句·凉州词): a search of the titles, asked only when a draft names a
        work the found source is not, and remembered."""
        known = self._held.get(title)
        if known is None:
            known = self.names_work(title) or _title_start(title).search(self._title_text()) is not None
            self._held[title] = known
        return known

    def titled(self, title: str, limit: int = 200) -> list[int]:
        """Indexes of the sources whose title begins with ``title``, alone or after a collection's ·
        (``holds_title``'s reading, listing who holds it): asked only when a named work is not where the
        words were found."""
        lines = self._title_text()
        found = []
        for match in _title_start(title).finditer(lines):
            found.append(lines.count(b"\n", 0, match.start()))
            if len(found) >= limit:
                break
        return found

    def _title_text(self) -> bytes:
        """Every title, one a line, decompressed on first use."""
        if self._title_lines is None:
            self._title_lines = zlib.decompress(self._titles.tobytes()) if len(self._titles) else b""
        return self._title_lines

    def whole_texts_of(self, occasion: str) -> list[int]:
        """Sources held whole (completeness "full…") whose title or occasion contains ``occasion``: the
        texts of a named occasion that can show a quotation is not from it. Asked only when a draft
        names an occasion, and remembered."""
        known = self._occasions.get(occasion)
        if known is None:
            if self._whole is None:
                self._whole = json.loads(self._whole_blob.tobytes() or b"[]")
            known = [int(index) for index, title, held in self._whole if occasion in title or occasion in held]
            self._occasions[occasion] = known
        return known

    def index_of(self, source_id: str) -> int | None:
        """Index of the source with this id, or None (a hash look-up; one source is parsed)."""
        key = np.uint64(work_key(source_id))
        slot = int(np.searchsorted(self._id_keys, key))
        while slot < len(self._id_keys) and self._id_keys[slot] == key:
            index = int(self._id_order[slot])
            if self[index].id == source_id:
                return index
            slot += 1
        return None

    @property
    def works(self) -> np.ndarray:
        return self._works

    def arrays_copy(self) -> dict[str, np.ndarray]:
        """The table's arrays as plain copies (to send to another process)."""
        return {name: np.array(array) for name, array in self._arrays.items()}


def _title_start(title: str) -> re.Pattern:
    """A title line that begins with ``title``, alone or after a collection's · (千家诗·七言絕句·凉州词)."""
    return re.compile(rb"(?m)^(?:[^\n]*\xc2\xb7)?" + re.escape(title.encode("utf-8")))


def checked_index(index: int, length: int) -> int:
    """``index`` into a sequence of ``length``, negative from the end; IndexError outside it."""
    if index < 0:
        index += length
    if not 0 <= index < length:
        raise IndexError(index)
    return index


def _contains(sorted_keys: np.ndarray, key: int) -> bool:
    slot = int(np.searchsorted(sorted_keys, np.uint64(key)))
    return slot < len(sorted_keys) and bool(sorted_keys[slot] == np.uint64(key))


def _source_from_metadata(row: list) -> Source:
    fields = dict(zip(METADATA_FIELDS, row, strict=True))
    fields["aliases"] = tuple(fields.get("aliases") or ())
    fields["excerpts"] = tuple(Excerpt.from_list(item) for item in fields.get("excerpts") or ())
    return Source(paragraphs=(), **fields)
