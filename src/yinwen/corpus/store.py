"""Open a corpus: find its cached index (keyed by a content hash) or build and cache it.

The cache is never trusted blindly. Every array carries a CRC-32 per 64 KiB block, computed while
it is written and checked against the disk before the build is published. On every load: magic,
format and fingerprint; each file's size; the invariants that tie the arrays together; a block
of every array (one at random, another each run); and each file's (size, mtime, inode) against the build's
record — a file written since (a flipped byte, a zeroed array) gets every block checked. Anything
wrong means the index is rebuilt, never used and never a crash; ``verify_index`` checks every block.
A build happens in a staging directory renamed into place under an inter-process lock; staging left
by a build that died (kill -9) is removed by the next build.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yinwen.cachedir import cache_root
from yinwen.corpus.arrayfiles import FileSink, MemorySink, bad_blocks, bad_file_blocks, map_array, sample_blocks
from yinwen.corpus.cache import INDEX_FORMAT, build_lock, fingerprint, prune_other_formats, write_atomically
from yinwen.corpus.index import ARRAY_NAMES, BLOCK_SHIFT, IndexArrays
from yinwen.corpus.sources import Source, iter_sources
from yinwen.corpus.table import TABLE_ARRAYS, SourceTable, TableBuilder
from yinwen.memory import release_free_memory
from yinwen.messages import msg, os_reason

MAGIC = "yinwen-index"
ALL_ARRAYS = ARRAY_NAMES + TABLE_ARRAYS
STAMP = "verified.json"

__all__ = ["Corpus", "SourceTable", "cache_root", "fingerprint", "index_dir", "open_corpus", "verify_index"]


@dataclass
class Corpus:
    """Sources plus their index. ``sources`` carry metadata; text comes from the arrays."""

    sources: SourceTable
    arrays: IndexArrays
    fingerprint: str

    @property
    def norm_length(self) -> int:
        return len(self.arrays.norm)

    @property
    def lookups(self):
        """The index questions the searches ask (see lookups.py), answered on this index."""
        found = self.__dict__.get("_lookups")
        if found is None:
            from yinwen.corpus.lookups import LocalLookups

            found = self.__dict__["_lookups"] = LocalLookups(self.arrays)
        return found

    @property
    def chars(self) -> int:
        return int(self.arrays.src_orig[-1]) - len(self.sources)

    def names_work(self, title: str) -> bool:
        """Whether the corpus holds a work of this title (a book such as 论语, or a text's title)."""
        return self.sources.names_work(title) or self.sources.holds_title(title)

    def source_of_norm(self, position: int) -> int:
        return int(np.searchsorted(self.arrays.src_norm, position, side="right") - 1)

    def norm_text(self, start: int, end: int) -> str:
        return self.arrays.text(self.arrays.norm[start:end])

    def orig_text(self, start: int, end: int) -> str:
        return self.arrays.text(self.arrays.orig[start:end])

    def orig_offset(self, norm_position: int) -> int:
        return self.arrays.orig_offset(norm_position)

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


class IndexInvalid(ValueError):
    """A cached index that must not be used; the message says why."""


def _check_structure(arrays: IndexArrays, source_count: int) -> None:
    """Invariants that tie the arrays together; a corrupt or mismatched file breaks at least one."""
    ids = arrays.norm.dtype
    if ids not in (np.uint16, np.uint32) or arrays.orig.dtype != ids:
        raise IndexInvalid("character arrays have the wrong type")
    n_norm, n_orig = len(arrays.norm), len(arrays.orig)
    if len(arrays.norm_rel) != n_norm or len(arrays.norm_base) != (n_norm + (1 << BLOCK_SHIFT) - 1) >> BLOCK_SHIFT:
        raise IndexInvalid("offset map does not match the text")
    if len(arrays.src_norm) != source_count + 1 or len(arrays.src_orig) != source_count + 1:
        raise IndexInvalid("source boundaries do not match the source table")
    if int(arrays.src_norm[-1]) != n_norm or int(arrays.src_orig[-1]) != n_orig:
        raise IndexInvalid("source boundaries do not match the text")
    starts = arrays.pair_starts
    if len(starts) != len(arrays.pair_keys) + 1 or int(starts[0]) != 0 or int(starts[-1]) != len(arrays.positions):
        raise IndexInvalid("gram postings do not match their keys")
    if len(arrays.tail_pairs) != len(arrays.tail_counts):
        raise IndexInvalid("source ends do not match their counts")


def _stats(directory: Path) -> dict[str, list[int]]:
    found = {}
    for name in ALL_ARRAYS:
        info = (directory / f"{name}.bin").stat()
        found[name] = [info.st_size, info.st_mtime_ns, info.st_ino]
    return found


def _map_all(directory: Path, meta: dict) -> dict[str, np.ndarray]:
    infos = meta["arrays"]
    return {name: map_array(directory, name, infos[name]) for name in ALL_ARRAYS}


def _load_checked(directory: Path, expected: str, rng: random.Random | None = None) -> Corpus:
    """The cached corpus in ``directory``; raises IndexInvalid/OSError/ValueError if anything is off."""
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    if meta.get("magic") != MAGIC or meta.get("format") != INDEX_FORMAT:
        raise IndexInvalid(f"index format {meta.get('format')!r}, expected {INDEX_FORMAT}")
    if meta.get("fingerprint") != expected:
        raise IndexInvalid("index fingerprint does not match the corpus")
    mapped = _map_all(directory, meta)
    stats = _stats(directory)
    if stats != meta["stat"] and stats != _stamp(directory):
        # A file was written (or copied) since the build: check every block once, then remember.
        problems = _bad_files(directory, meta)
        if problems:
            raise IndexInvalid(f"{', '.join(problems)} damaged")
        try:
            write_atomically(directory / STAMP, json.dumps(stats).encode("utf-8"))
        except OSError:
            pass
    else:
        problems = _bad_arrays(mapped, meta, rng or random.Random())
        if problems:
            raise IndexInvalid(f"{', '.join(problems)} damaged")
    arrays = IndexArrays.from_dict({name: mapped[name] for name in ARRAY_NAMES})
    source_count = int(meta["source_count"])
    _check_structure(arrays, source_count)
    if len(mapped["id_keys"]) != source_count or int(mapped["table_blocks"][-1]) != len(mapped["table_blob"]):
        raise IndexInvalid("source table does not match the index")
    return Corpus(SourceTable(mapped, source_count), arrays, expected)


def _stamp(directory: Path) -> dict | None:
    try:
        return json.loads((directory / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _bad_arrays(mapped: dict[str, np.ndarray], meta: dict, rng: random.Random | None) -> list[str]:
    """Names of the arrays with a block whose checksum differs: every block, or a sample (``rng``)."""
    bad = []
    for name, array in mapped.items():
        crcs = meta["arrays"][name]["crcs"]
        blocks = None if rng is None else sample_blocks(len(crcs), rng)
        if bad_blocks(array, crcs, blocks):
            bad.append(name)
    return bad


def _bad_files(directory: Path, meta: dict) -> list[str]:
    """Names of the arrays with a damaged block, every block checked (read, not mapped)."""
    return [name for name, info in meta["arrays"].items() if bad_file_blocks(directory / f"{name}.bin", info["crcs"])]


def try_load(directory: Path, expected: str) -> tuple[Corpus | None, str]:
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
    """Problems found by checking every block of every array against its build-time checksum."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        _map_all(directory, meta)  # sizes and types
        return [f"{name}: checksum differs" for name in _bad_files(directory, meta)]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [f"{type(error).__name__}: {error}"]


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
        cached, problem = try_load(target, fp)
        if cached is not None:
            return cached
        if problem:
            sys.stderr.write(f"yinwen: {msg('index-unusable', path=target, problem=problem)}\n")
    with build_lock(target.parent / f"{target.name}.lock") as locked:
        if locked and not rebuild:
            # Another process may have finished the same build while we waited for the lock.
            cached, _ = try_load(target, fp)
            if cached is not None:
                return cached
        return build_and_store(directory_stream(directories), fp, target, progress, locked)


# A source stream: given an on_file(done, total) callback, yields the sources in corpus order.
Stream = Callable[[Callable[[int, int], None]], Iterator[Source]]


def directory_stream(directories: list[Path]) -> Stream:
    return lambda on_file: iter_sources(directories, on_file=on_file)


def _recorded(stream: Stream, table: TableBuilder, tell: Progress) -> Iterator[Source]:
    for source in stream(lambda done, total: tell("reading", done, total)):
        table.add(source)
        yield source


def build_with(stream: Stream, make_sink: Callable[[], object], progress: Progress | None = None
               ) -> tuple[object, TableBuilder]:
    """Stream the sources into a fresh sink (again with 32-bit ids if 16 bits do not hold the alphabet)."""
    from yinwen.corpus.build import WideAlphabet, build_index  # only a build needs these

    tell = progress or (lambda stage, done, total: None)
    for wide in (False, True):
        sink, table = make_sink(), TableBuilder()
        tell("reading", 0, 1)
        try:
            build_index(_recorded(stream, table, tell), sink, wide=wide,
                        on_sort=lambda done, total: tell("indexing", done, total))
        except WideAlphabet:
            if wide:
                raise
            continue
        for name, array in table.arrays().items():
            sink.put(name, array)
        return sink, table
    raise AssertionError("unreachable")


def build_in_memory(stream: Stream, fp: str) -> Corpus:
    sink, table = build_with(stream, MemorySink)
    arrays = sink.close()
    return Corpus(SourceTable(arrays, table.count), IndexArrays.from_dict(arrays), fp)


def build_and_store(stream: Stream, fp: str, target: Path, progress: Progress | None = None,
                    locked: bool = True) -> Corpus:
    """Build straight into a staging directory (arrays are written as they grow, which keeps peak
    memory low), check what reached the disk, rename it into place and memory-map the result; in
    memory if the cache is unwritable."""
    import shutil

    from yinwen.corpus.staging import make_staging, remove_dead_staging

    tell = progress or (lambda stage, done, total: None)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_dead_staging(target.parent, target.name if locked else None)
        staging = make_staging(target)
    except OSError as error:
        # An unwritable cache only costs speed next time.
        sys.stderr.write(f"yinwen: {msg('index-cannot-cache', path=target.parent, reason=os_reason(error))}\n")
        return build_in_memory(stream, fp)
    try:
        sinks: list[FileSink] = []

        def fresh_sink() -> FileSink:
            for old in sinks:
                old.close()
            for leftover in staging.iterdir():
                leftover.unlink()
            sinks.append(FileSink(staging))
            return sinks[-1]

        sink, table = build_with(stream, fresh_sink, progress)
        release_free_memory()  # what the build freed, before the check that follows a first run
        tell("writing", 0, 1)
        infos = sink.close()
        written = _bad_files(staging, {"arrays": infos})
        if written:
            raise OSError(f"the disk does not hold what was written ({', '.join(written)})")
        meta = {"magic": MAGIC, "format": INDEX_FORMAT, "fingerprint": fp, "source_count": table.count,
                "arrays": infos, "stat": _stats(staging)}
        # meta.json last: a directory without it is never taken for an index.
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        _publish(staging, target)
        prune_other_formats(target.parent.parent)
        tell("writing", 1, 1)
        return _load_checked(target, fp)
    except OSError as error:
        # A full disk or a cache that vanished under us: still answer, from memory this time.
        shutil.rmtree(staging, ignore_errors=True)
        sys.stderr.write(f"yinwen: {msg('index-cannot-cache', path=target.parent, reason=os_reason(error))}\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return build_in_memory(stream, fp)


def _publish(staging: Path, target: Path) -> None:
    import shutil

    from yinwen.corpus.staging import make_staging

    if target.exists():
        # Renaming over a non-empty directory fails: move the old one aside first.
        aside = make_staging(target, kind="old")
        os.replace(target, aside / "index")
        shutil.rmtree(aside, ignore_errors=True)
    os.replace(staging, target)
