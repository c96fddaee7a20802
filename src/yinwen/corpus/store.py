"""Open a corpus: find its cached index (keyed by a content hash) or build and cache it.

The cache is never trusted blindly. On every load: a magic string, the format version, the
fingerprint, each file's byte size, each array's dtype and length, and the invariants that tie the
arrays together are checked; anything wrong (a truncated or corrupt file, an old format, a
half-deleted directory) means the index is rebuilt, never used and never a crash. ``verify_index``
also compares every file's sha256 with the one recorded at build time (``yinwen corpus build``
does this). An index is written to a temporary directory and renamed into place under an
inter-process lock, so two processes building at once neither corrupt it nor both pay for it.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yinwen.cachedir import cache_root
from yinwen.corpus.cache import INDEX_FORMAT, build_lock, fingerprint, prune_other_formats
from yinwen.corpus.excerpts import Excerpt
from yinwen.corpus.index import ARRAY_NAMES, FileSink, IndexArrays, build_arrays, build_into, load_arrays
from yinwen.corpus.sources import Source, load_sources
from yinwen.text.normalize import codes_to_text

MAGIC = "yinwen-index"
# dtype of every array; a file with another dtype was not written by this version.
DTYPES = {"norm": "uint32", "norm_orig": "int64", "orig": "uint32", "src_norm": "int64", "src_orig": "int64",
          "para_orig": "int64", "g2_keys": "int64", "g2_starts": "int64", "g2_pos": "int32",
          "g3_keys": "int64", "g3_starts": "int64", "g3_pos": "int32"}
TABLE_FILES = ("sources.jsonl", "sources_offsets.npy", "works.npy")

__all__ = ["Corpus", "SourceTable", "cache_root", "fingerprint", "index_dir", "open_corpus", "verify_index"]


class SourceTable(Sequence[Source]):
    """Source metadata, one JSON line per source, parsed only when asked for.

    A corpus of a hundred thousand poems must not cost a hundred thousand parses per run.
    """

    def __init__(self, blob: bytes, offsets: np.ndarray, works: np.ndarray) -> None:
        self._blob = blob
        self._offsets = offsets
        self._works = works
        self._cache: dict[int, Source] = {}
        self._titles: dict[str, bool] = {}
        self._occasions: dict[str, list[int]] = {}

    @classmethod
    def from_sources(cls, sources: list[Source]) -> SourceTable:
        lines = [json.dumps(source.metadata(), ensure_ascii=False).encode("utf-8") + b"\n" for source in sources]
        offsets = np.zeros(len(lines) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(line) for line in lines])
        names = {name for source in sources for name in (source.title, source.book) if name}
        works = np.unique(np.array([work_key(name) for name in names], dtype=np.uint64))
        return cls(b"".join(lines), offsets, works)

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

    def names_work(self, name: str) -> bool:
        """Whether any source has this title or belongs to this book (a lookup among hashes of the
        titles and books, so the metadata of every source is neither parsed nor scanned)."""
        key = np.uint64(work_key(name))
        slot = int(np.searchsorted(self._works, key))
        return slot < len(self._works) and bool(self._works[slot] == key)

    def index_of(self, source_id: str) -> int | None:
        """Index of the source with ``source_id``, found in the raw table (no line is parsed)."""
        needle = ('{"id": ' + json.dumps(source_id, ensure_ascii=False) + ",").encode("utf-8")
        at = self._blob.find(needle)
        while at >= 0:
            index = int(np.searchsorted(self._offsets, at, side="right")) - 1
            if int(self._offsets[index]) == at:
                return index
            at = self._blob.find(needle, at + 1)
        return None

    def holds_title(self, title: str) -> bool:
        """Whether a source's title begins with ``title``, alone or after a collection's ·  (凉州词 for
        凉州词二首 一 or 千家诗·七言絕句·凉州词): a byte search of the metadata, asked only when a draft names
        a work the found source is not, and remembered."""
        known = self._titles.get(title)
        if known is None:
            name = json.dumps(title, ensure_ascii=False)[1:-1].encode("utf-8")
            pattern = re.compile(rb'"title": "(?:[^"]*\xc2\xb7)?' + re.escape(name))
            known = self.names_work(title) or pattern.search(self._blob) is not None
            self._titles[title] = known
        return known

    def whole_texts_of(self, occasion: str) -> list[int]:
        """Sources held whole (completeness "full…") whose title or occasion contains ``occasion``: the texts
        of a named occasion that can show a quotation is not from it. A byte search of the metadata, asked
        only when a draft names an occasion, and remembered."""
        known = self._occasions.get(occasion)
        if known is None:
            name = re.escape(json.dumps(occasion, ensure_ascii=False)[1:-1].encode("utf-8"))
            pattern = re.compile(rb'"(?:title|occasion)": "[^"]*' + name)
            known = []
            for found in pattern.finditer(self._blob):
                index = int(np.searchsorted(self._offsets, found.start(), side="right")) - 1
                line = self._blob[int(self._offsets[index]):int(self._offsets[index + 1])]
                if b'"completeness": "full' in line and index not in known:
                    known.append(index)
            self._occasions[occasion] = known
        return known

    @property
    def works(self) -> np.ndarray:
        return self._works

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
        return self.sources.names_work(title) or self.sources.holds_title(title)

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


def work_key(name: str) -> int:
    """A 64-bit hash of a title or book name (blake2b: stable across processes, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "little")


def _source_from_metadata(meta: dict) -> Source:
    fields = dict(meta)
    fields["aliases"] = tuple(fields.get("aliases") or ())
    fields["excerpts"] = tuple(Excerpt.from_list(item) for item in fields.get("excerpts") or ())
    return Source(paragraphs=(), **fields)


class IndexInvalid(ValueError):
    """A cached index that must not be used; the message says why."""


def _check_structure(arrays: IndexArrays) -> None:
    """Invariants that tie the arrays together; a corrupt or mismatched file breaks at least one."""
    for name, array in arrays.as_dict().items():
        if str(array.dtype) != DTYPES[name] or array.ndim != 1:
            raise IndexInvalid(f"array {name} has dtype {array.dtype}")
    n_norm, n_orig = len(arrays.norm), len(arrays.orig)
    if len(arrays.norm_orig) != n_norm or len(arrays.src_orig) != len(arrays.src_norm):
        raise IndexInvalid("array lengths disagree")
    if len(arrays.src_norm) and (int(arrays.src_norm[-1]) != n_norm or int(arrays.src_orig[-1]) != n_orig):
        raise IndexInvalid("source boundaries do not match the text")
    for n, (keys, starts, pos) in arrays.grams.items():
        if len(starts) != len(keys) + 1 or int(starts[0]) != 0 or int(starts[-1]) != len(pos):
            raise IndexInvalid(f"{n}-gram postings do not match their keys")
        if len(keys) > 1 and not int(keys[0]) < int(keys[len(keys) // 2]) <= int(keys[-1]):
            raise IndexInvalid(f"{n}-gram keys are not sorted")


def _load_checked(directory: Path, expected: str) -> Corpus:
    """The cached corpus in ``directory``; raises IndexInvalid/OSError/ValueError if anything is off."""
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    if meta.get("magic") != MAGIC or meta.get("format") != INDEX_FORMAT:
        raise IndexInvalid(f"index format {meta.get('format')!r}, expected {INDEX_FORMAT}")
    if meta.get("fingerprint") != expected:
        raise IndexInvalid("index fingerprint does not match the corpus")
    for name, info in meta["files"].items():
        if (directory / name).stat().st_size != info["bytes"]:
            raise IndexInvalid(f"{name} is truncated or has the wrong size")
    arrays = load_arrays(directory)
    for name, array in arrays.as_dict().items():
        if meta["sizes"].get(name) != int(array.shape[0]):
            raise IndexInvalid(f"array {name} has the wrong length")
    _check_structure(arrays)
    offsets = np.load(directory / "sources_offsets.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
    if len(offsets) != meta["source_count"] + 1 or len(offsets) != len(arrays.src_norm):
        raise IndexInvalid("source table does not match the index")
    blob = _map_bytes(directory / "sources.jsonl")
    if int(offsets[-1]) != len(blob):
        raise IndexInvalid("source table is truncated")
    works = np.load(directory / "works.npy", allow_pickle=False)
    if works.dtype != np.uint64 or works.ndim != 1 or len(works) > 2 * meta["source_count"]:
        raise IndexInvalid("work names do not match the source table")
    return Corpus(SourceTable(blob, offsets, works), arrays, expected)


def _map_bytes(path: Path) -> bytes:
    """The file's bytes, memory-mapped (read lazily by the OS) when it is not empty."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)  # type: ignore[return-value]


def _try_load(directory: Path, expected: str) -> tuple[Corpus | None, str]:
    """(corpus, "") when the cached index is valid, else (None, why not)."""
    if not (directory / "meta.json").exists():
        return None, ""
    try:
        return _load_checked(directory, expected), ""
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        return None, str(error) or type(error).__name__


def index_dir(root: Path, fp: str) -> Path:
    return root / "index" / fp[:40]


def verify_index(directory: Path) -> list[str]:
    """Problems found by re-hashing every file of a cached index against its build-time sha256."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        files = meta["files"]
    except (OSError, ValueError, KeyError) as error:
        return [f"meta.json: {error}"]
    problems = []
    for name, info in files.items():
        try:
            digest = _file_sha256(directory / name)
        except OSError as error:
            problems.append(f"{name}: {error.strerror or error}")
            continue
        if digest != info.get("sha256"):
            problems.append(f"{name}: checksum differs")
    return problems


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


# progress(stage, done, total): stage is "reading", "indexing" or "writing"; done/total its fraction.
Progress = Callable[[str, int, int], None]


def open_corpus(directories: list[Path], cache: Path | None = None, rebuild: bool = False,
                progress: Progress | None = None) -> Corpus:
    """The corpus of ``directories``, from the cache when it is valid, else built and cached.

    ``progress`` is told how each build stage advances (nothing on a cache hit).
    """
    root = cache_root(cache)
    fp = fingerprint(directories, root)
    target = index_dir(root, fp)
    if not rebuild:
        cached, problem = _try_load(target, fp)
        if cached is not None:
            return cached
        if problem:
            sys.stderr.write(f"yinwen: cached index {target} is not usable ({problem}); rebuilding\n")
    with build_lock(target.parent / f"{target.name}.lock") as locked:
        if locked and not rebuild:
            # Another process may have finished the same build while we waited for the lock.
            cached, _ = _try_load(target, fp)
            if cached is not None:
                return cached
        return _build_and_store(directories, fp, target, progress)


def _build_and_store(directories: list[Path], fp: str, target: Path, progress: Progress | None) -> Corpus:
    """Build straight into a staging directory (arrays are written as they are finished, which keeps
    peak memory low), rename it into place and memory-map the result; in memory if the cache is unwritable."""
    tell = progress or (lambda stage, done, total: None)
    tell("reading", 0, 1)
    sources = load_sources(directories, on_file=lambda done, total: tell("reading", done, total))
    table = SourceTable.from_sources(sources)
    tell("indexing", 0, 1)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
    except OSError as error:
        # An unwritable cache only costs speed next time.
        sys.stderr.write(f"yinwen: cannot cache the index in {target.parent}: {error.strerror or error}\n")
        return Corpus(table, build_arrays(sources), fp)
    try:
        sink = FileSink(staging, on_put=lambda done, total: tell("indexing", done, total))
        build_into(sources, sink, consume=True)
        del sources
        tell("writing", 0, 1)
        meta: dict[str, object] = {"magic": MAGIC, "format": INDEX_FORMAT, "fingerprint": fp,
                                   "source_count": len(table), "sizes": sink.sizes}
        _finish_atomically(staging, table, meta, target)
        prune_other_formats(target.parent.parent)
        tell("writing", 1, 1)
        return _load_checked(target, fp)
    except OSError as error:
        # A full disk or a cache that vanished under us: still answer, from memory this time.
        shutil.rmtree(staging, ignore_errors=True)
        sys.stderr.write(f"yinwen: cannot cache the index in {target.parent}: {error.strerror or error}\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Corpus(table, build_arrays(load_sources(directories)), fp)


def _finish_atomically(staging: Path, table: SourceTable, meta: dict, target: Path) -> None:
    (staging / "sources.jsonl").write_bytes(table.blob)
    np.save(staging / "sources_offsets.npy", np.asarray(table.offsets), allow_pickle=False)
    np.save(staging / "works.npy", table.works, allow_pickle=False)
    names = [f"{name}.npy" for name in ARRAY_NAMES] + list(TABLE_FILES)
    meta["files"] = {name: {"bytes": (staging / name).stat().st_size, "sha256": _file_sha256(staging / name)}
                     for name in names}
    # meta.json last: a directory without it is never taken for an index.
    (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    if target.exists():
        # Renaming over a non-empty directory fails: move the old one aside first.
        aside = Path(tempfile.mkdtemp(prefix=target.name + ".old-", dir=target.parent))
        os.replace(target, aside / "index")
        shutil.rmtree(aside, ignore_errors=True)
    os.replace(staging, target)
