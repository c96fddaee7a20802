"""A corpus split by source into N shards, each an ordinary index (built, cached and checked like
any other), so that no shard needs anything from another and each can live on its own machine.

Shards hold consecutive runs of sources of about equal size, in corpus order: shard k's positions
all come before shard k+1's, which is what lets a sharded search merge answers into exactly those of
one index (sharded.py). The set lives under ``<cache>/shards/<fingerprint>-<N>/<k>/`` with a manifest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from yinwen.corpus.cache import build_lock, fingerprint, write_atomically
from yinwen.corpus.sources import Source, iter_sources
from yinwen.corpus.store import Progress, build_and_store, try_load

MANIFEST = "shards.json"


@dataclass(frozen=True)
class ShardSet:
    fingerprint: str  # the whole corpus's (reports carry it, as with one index)
    directories: tuple[Path, ...]  # one index per shard, in corpus order
    fingerprints: tuple[str, ...]  # each shard's own key


def shard_base(root: Path, fp: str, count: int) -> Path:
    return root / "shards" / f"{fp[:40]}-{count}"


def shard_fingerprint(fp: str, number: int, count: int) -> str:
    return hashlib.sha256(f"{fp}:{number}/{count}".encode()).hexdigest()


def _plan(directories: list[Path], count: int) -> list[tuple[int, int]]:
    """(first, end) source numbers of each shard: consecutive runs of about equal size."""
    sizes = [sum(len(p) + 1 for p in source.paragraphs) for source in iter_sources(directories)]
    total = sum(sizes) or 1
    bounds, done, at = [0], 0, 0
    for number in range(1, count):
        while at < len(sizes) and done + sizes[at] <= total * number / count:
            done += sizes[at]
            at += 1
        bounds.append(max(at, bounds[-1]))
    bounds.append(len(sizes))
    return list(zip(bounds, bounds[1:]))


def _subset(directories: list[Path], first: int, end: int) -> Callable[[Callable[[int, int], None]], Iterator[Source]]:
    def stream(on_file: Callable[[int, int], None]) -> Iterator[Source]:
        for number, source in enumerate(iter_sources(directories, on_file)):
            if number >= end:
                return
            if number >= first:
                yield source
    return stream


def _manifest(base: Path) -> dict | None:
    try:
        return json.loads((base / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def open_shards(directories: list[Path], root: Path, count: int, rebuild: bool = False,
                progress: Progress | None = None) -> ShardSet:
    """The shard set of ``directories`` in ``count`` parts: each checked (as any index load is) and
    built or rebuilt when missing or damaged."""
    fp = fingerprint(directories, root)
    base = shard_base(root, fp, count)
    with build_lock(base.parent / f"{base.name}.lock"):
        manifest = None if rebuild else _manifest(base)
        if manifest is None or manifest.get("fingerprint") != fp or len(manifest.get("ranges", [])) != count:
            manifest = {"fingerprint": fp, "ranges": _plan(directories, count)}
            rebuild = True
        prints = tuple(shard_fingerprint(fp, number, count) for number in range(count))
        for number, (first, end) in enumerate(manifest["ranges"]):
            target = base / str(number)
            if rebuild or try_load(target, prints[number])[0] is None:
                build_and_store(_subset(directories, first, end), prints[number], target, progress)
        write_atomically(base / MANIFEST, json.dumps(manifest).encode("utf-8"))
    return ShardSet(fp, tuple(base / str(number) for number in range(count)), prints)
