"""Open a corpus: find its cached index (keyed by a content hash) or build and cache it.

The cache is never trusted blindly: a missing file, a size that does not match, a wrong format
version or fingerprint means the index is rebuilt. It is written to a temporary directory and
renamed into place, so two processes building at once cannot leave a half-written index.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yinwen.corpus.index import IndexArrays, build_arrays, codes_to_text, load_arrays, save_arrays
from yinwen.corpus.sources import Source, corpus_files, load_sources
from yinwen.resources import data_dir

INDEX_FORMAT = 1


def cache_root() -> Path:
    override = os.environ.get("YINWEN_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("yinwen"))


def fingerprint(directories: list[Path]) -> str:
    """sha256 over every source file's relative path and bytes, the normaliser data and formats."""
    digest = hashlib.sha256(f"yinwen-index-{INDEX_FORMAT}".encode())
    digest.update((data_dir() / "variants.tsv").read_bytes())
    for directory in directories:
        digest.update(b"\x00dir\x00")
        for path in corpus_files(directory):
            relative = path.name if directory.is_file() else path.relative_to(directory).as_posix()
            digest.update(relative.encode("utf-8") + b"\x00")
            digest.update(path.read_bytes())
            if path.suffix == ".jsonl" and (path.parent / "SOURCES.toml").is_file():
                digest.update((path.parent / "SOURCES.toml").read_bytes())
    return digest.hexdigest()


class SourceTable(Sequence[Source]):
    """Source metadata, one JSON line per source, parsed only when asked for.

    A corpus of a hundred thousand poems must not cost a hundred thousand parses per run.
    """

    def __init__(self, blob: bytes, offsets: np.ndarray) -> None:
        self._blob = blob
        self._offsets = offsets
        self._cache: dict[int, Source] = {}

    @classmethod
    def from_sources(cls, sources: list[Source]) -> SourceTable:
        lines = [json.dumps(source.metadata(), ensure_ascii=False).encode("utf-8") + b"\n" for source in sources]
        offsets = np.zeros(len(lines) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(line) for line in lines])
        return cls(b"".join(lines), offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        cached = self._cache.get(index)
        if cached is None:
            start, end = int(self._offsets[index]), int(self._offsets[index + 1])
            cached = _source_from_metadata(json.loads(self._blob[start:end]))
            self._cache[index] = cached
        return cached

    def mentions(self, key: str, value: str) -> bool:
        """Whether any source has ``key`` equal to ``value`` (a byte search, no parsing)."""
        needle = json.dumps({key: value}, ensure_ascii=False)[1:-1].encode("utf-8")
        return needle in self._blob

    @property
    def blob(self) -> bytes:
        return self._blob

    @property
    def offsets(self) -> np.ndarray:
        return self._offsets


@dataclass
class Corpus:
    """Sources plus their index. ``sources`` carry metadata; text comes from the arrays."""

    sources: SourceTable
    arrays: IndexArrays
    fingerprint: str

    @property
    def chars(self) -> int:
        return int(self.arrays.src_orig[-1]) - len(self.sources)

    def names_work(self, title: str) -> bool:
        """Whether the corpus holds a work of this title (a book such as 论语, or a text's title)."""
        return self.sources.mentions("book", title) or self.sources.mentions("title", title)

    def source_of_norm(self, position: int) -> int:
        return int(np.searchsorted(self.arrays.src_norm, position, side="right") - 1)

    def norm_text(self, start: int, end: int) -> str:
        return codes_to_text(self.arrays.norm[start:end])

    def orig_text(self, start: int, end: int) -> str:
        return codes_to_text(self.arrays.orig[start:end])

    def orig_offset(self, norm_position: int) -> int:
        return int(self.arrays.norm_orig[norm_position])

    def source_text(self, index: int) -> str:
        return self.orig_text(int(self.arrays.src_orig[index]), int(self.arrays.src_orig[index + 1]) - 1)

    def paragraph_number(self, index: int, orig_position: int) -> int:
        """1-based paragraph of ``orig_position`` within source ``index``."""
        paras = self.arrays.para_orig
        first = int(np.searchsorted(paras, self.arrays.src_orig[index], side="left"))
        here = int(np.searchsorted(paras, orig_position, side="right")) - 1
        return here - first + 1

    def paragraph_count(self, index: int) -> int:
        paras = self.arrays.para_orig
        first, last = np.searchsorted(paras, [self.arrays.src_orig[index], self.arrays.src_orig[index + 1]], side="left")
        return int(last - first)

    def paragraph_bounds(self, orig_position: int) -> tuple[int, int]:
        paras = self.arrays.para_orig
        here = int(np.searchsorted(paras, orig_position, side="right")) - 1
        start = int(paras[here])
        end = int(paras[here + 1]) - 1 if here + 1 < len(paras) else int(self.arrays.src_orig[-1]) - 1
        return start, end


def _source_from_metadata(meta: dict) -> Source:
    fields = dict(meta)
    fields["aliases"] = tuple(fields.get("aliases") or ())
    return Source(paragraphs=(), **fields)


def _validate(arrays: IndexArrays, meta: dict, expected: str) -> None:
    if meta.get("format") != INDEX_FORMAT or meta.get("fingerprint") != expected:
        raise ValueError("index format or fingerprint mismatch")
    sizes = meta.get("sizes", {})
    for name, array in arrays.as_dict().items():
        if sizes.get(name) != int(array.shape[0]):
            raise ValueError(f"index array {name} has the wrong size")
    if meta.get("source_count", -1) + 1 != len(arrays.src_norm):
        raise ValueError("index source table does not match")


def _try_load(directory: Path, expected: str) -> Corpus | None:
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        arrays = load_arrays(directory)
        _validate(arrays, meta, expected)
        blob = (directory / "sources.jsonl").read_bytes()
        offsets = np.load(directory / "sources_offsets.npy", allow_pickle=False)
        if len(offsets) != meta["source_count"] + 1 or int(offsets[-1]) != len(blob):
            raise ValueError("source table is truncated")
        return Corpus(SourceTable(blob, offsets), arrays, expected)
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None


def build_corpus(directories: list[Path], fp: str) -> tuple[list[Source], IndexArrays]:
    sources = load_sources(directories)
    return sources, build_arrays(sources)


def open_corpus(directories: list[Path], cache: Path | None = None, rebuild: bool = False) -> Corpus:
    """The corpus of ``directories``, from the cache when it is valid, else built and cached."""
    fp = fingerprint(directories)
    root = cache or cache_root()
    target = root / "index" / fp[:40]
    if not rebuild:
        cached = _try_load(target, fp)
        if cached is not None:
            return cached
    sources, arrays = build_corpus(directories, fp)
    table = SourceTable.from_sources(sources)
    meta = {
        "format": INDEX_FORMAT,
        "fingerprint": fp,
        "source_count": len(sources),
        "sizes": {name: int(array.shape[0]) for name, array in arrays.as_dict().items()},
    }
    try:
        _write_atomically(arrays, table, meta, target)
    except OSError:
        pass  # An unwritable cache only costs speed next time.
    return Corpus(table, arrays, fp)


def _write_atomically(arrays: IndexArrays, table: SourceTable, meta: dict, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
    try:
        save_arrays(arrays, staging, meta)
        (staging / "sources.jsonl").write_bytes(table.blob)
        np.save(staging / "sources_offsets.npy", table.offsets, allow_pickle=False)
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not target.exists():
            raise
