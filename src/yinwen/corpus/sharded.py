"""A corpus made of shards that answer remotely (Ray actors, or objects in this process), presented
to the matcher as one ``Corpus`` whose answers are exactly those of a single index.

Positions are global: shard k's positions are offset by the sizes of the shards before it. The five
index questions (lookups.py) go to every shard at once and are merged — counts summed before any
threshold, postings concatenated in shard order, verbatim runs ordered by the global index of the
posting that found them. Text is fetched a whole source at a time and kept, so the matcher's many
small reads of one passage cost one round trip.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from yinwen.corpus.lookups import LocalLookups
from yinwen.corpus.sources import Source
from yinwen.corpus.store import Corpus, IndexInvalid, try_load
from yinwen.corpus.table import SourceTable, checked_index

# call_all(method, [args for shard 0, args for shard 1, …]) -> [result of shard 0, …]
CallAll = Callable[[str, list[tuple]], list]
KEPT_SOURCES = 4096


class ShardService:
    """One shard's index, answering the coordinator (wrapped in a Ray actor, or called directly)."""

    def __init__(self, directory: str, fingerprint: str, norm_offset: int = 0) -> None:
        corpus, problem = try_load(Path(directory), fingerprint)
        if corpus is None:
            raise IndexInvalid(f"shard {directory}: {problem or 'not built'}")
        self.corpus = corpus
        self.lookups = LocalLookups(corpus.arrays, norm_offset)

    def info(self) -> dict[str, object]:
        arrays = self.corpus.arrays
        table = self.corpus.sources
        return {"src_norm": np.asarray(arrays.src_norm), "src_orig": np.asarray(arrays.src_orig),
                "para_orig": np.asarray(arrays.para_orig), "table": table.arrays_copy(), "count": len(table)}

    def set_offset(self, norm_offset: int) -> None:
        self.lookups.offset = norm_offset

    def call(self, method: str, *args):
        return getattr(self.lookups, method)(*args)

    def source_slice(self, index: int) -> tuple[str, str, np.ndarray]:
        """Source ``index``'s original text (with its paragraph ends), normalised text, and for each
        normalised character its offset in the original, from the source's start."""
        arrays = self.corpus.arrays
        o_start, o_end = int(arrays.src_orig[index]), int(arrays.src_orig[index + 1])
        n_start, n_end = int(arrays.src_norm[index]), int(arrays.src_norm[index + 1])
        offsets = arrays.orig_offsets(np.arange(n_start, n_end)) - o_start
        return arrays.text(arrays.orig[o_start:o_end]), arrays.text(arrays.norm[n_start:n_end]), offsets


class ShardTables(Sequence[Source]):
    """The shards' source tables read as one, in corpus order."""

    def __init__(self, tables: list[SourceTable]) -> None:
        self.tables = tables
        self.starts = np.cumsum([0] + [len(table) for table in tables])
        self._works = np.unique(np.concatenate([table.works for table in tables])) if tables else np.zeros(0, np.uint64)

    def __len__(self) -> int:
        return int(self.starts[-1])

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = checked_index(index, len(self))
        shard = int(np.searchsorted(self.starts, index, side="right")) - 1
        return self.tables[shard][index - int(self.starts[shard])]

    def names_work(self, name: str) -> bool:
        return any(table.names_work(name) for table in self.tables)

    def holds_title(self, title: str) -> bool:
        return any(table.holds_title(title) for table in self.tables)

    def has_speaker(self, canonical: str) -> bool:
        return any(table.has_speaker(canonical) for table in self.tables)

    def whole_texts_of(self, occasion: str) -> list[int]:
        return [int(self.starts[shard]) + index for shard, table in enumerate(self.tables)
                for index in table.whole_texts_of(occasion)]

    def titled(self, title: str, limit: int = 200) -> list[int]:
        return [int(self.starts[shard]) + index for shard, table in enumerate(self.tables)
                for index in table.titled(title, limit)][:limit]

    def index_of(self, source_id: str) -> int | None:
        for shard, table in enumerate(self.tables):
            found = table.index_of(source_id)
            if found is not None:
                return int(self.starts[shard]) + found
        return None

    @property
    def works(self) -> np.ndarray:
        return self._works


class _Length:
    """Stands in for the text array where the matcher only asks its length."""

    def __init__(self, length: int) -> None:
        self.length = length

    def __len__(self) -> int:
        return self.length


class GlobalArrays:
    """The per-source and per-paragraph arrays of all shards, in global coordinates."""

    def __init__(self, infos: list[dict]) -> None:
        norm_sizes = [int(info["src_norm"][-1]) for info in infos]
        orig_sizes = [int(info["src_orig"][-1]) for info in infos]
        self.norm_offsets = np.cumsum([0] + norm_sizes)
        self.orig_offsets = np.cumsum([0] + orig_sizes)
        self.src_norm = np.concatenate([[0]] + [info["src_norm"][1:] + self.norm_offsets[k] for k, info in enumerate(infos)])
        self.src_orig = np.concatenate([[0]] + [info["src_orig"][1:] + self.orig_offsets[k] for k, info in enumerate(infos)])
        self.para_orig = np.concatenate([info["para_orig"] + self.orig_offsets[k] for k, info in enumerate(infos)])
        self.norm = _Length(int(self.norm_offsets[-1]))


class FanOutLookups:
    """The index questions, asked of every shard at once and merged into one index's answer."""

    def __init__(self, call_all: CallAll, count: int) -> None:
        self.call_all = call_all
        self.count = count
        self._memo: tuple[bytes, list[np.ndarray]] | None = None

    def _ask(self, method: str, *args) -> list:
        return self.call_all("call", [(method, *args)] * self.count)

    def gram_counts(self, codes: np.ndarray, n: int) -> np.ndarray:
        return np.sum(self._ask("gram_counts", codes, n), axis=0)

    def gram_lists(self, codes: np.ndarray, n: int, offsets: list[int]) -> list[np.ndarray]:
        parts = self._ask("gram_lists", codes, n, offsets)
        return [np.concatenate([part[i] for part in parts]) for i in range(len(offsets))]

    def occurrences(self, codes: np.ndarray, limit: int) -> list[int]:
        return sorted(p for part in self._ask("occurrences", codes, limit) for p in part)[:limit]

    def triple_counts(self, codes: np.ndarray) -> np.ndarray:
        parts = [np.asarray(part) for part in self._ask("triple_counts", codes)]
        self._memo = (codes.tobytes(), parts)
        return np.sum(parts, axis=0)

    def run_rows(self, codes: np.ndarray, offsets: np.ndarray, key_base: np.ndarray, min_len: int = 0) -> np.ndarray:
        if self._memo is None or self._memo[0] != codes.tobytes():
            self.triple_counts(codes)
        assert self._memo is not None
        # A posting's global index: the gram's base, the same gram's postings in earlier shards, its own.
        before = np.cumsum([np.zeros(len(offsets), np.int64)] + [part[offsets] for part in self._memo[1]], axis=0)
        args = [("run_rows", codes, offsets, key_base + before[k], min_len) for k in range(self.count)]
        tables = self.call_all("call", args)
        return np.concatenate(tables, axis=1) if tables else np.zeros((4, 0), np.int64)


class ShardedCorpus(Corpus):
    """A ``Corpus`` whose index is spread over shards; every answer equals one index's."""

    def __init__(self, call_all: CallAll, count: int, fingerprint: str) -> None:
        infos = call_all("info", [()] * count)
        arrays = GlobalArrays(infos)
        call_all("set_offset", [(offset,) for offset in arrays.norm_offsets[:-1].tolist()])
        tables = [SourceTable(info["table"], int(info["count"])) for info in infos]
        super().__init__(ShardTables(tables), arrays, fingerprint)  # type: ignore[arg-type]
        self._call_all = call_all
        self._count = count
        self._lookups = FanOutLookups(call_all, count)
        self._slices: OrderedDict[int, tuple[str, str, np.ndarray]] = OrderedDict()

    @property
    def lookups(self):
        return self._lookups

    def _slice(self, index: int) -> tuple[str, str, np.ndarray]:
        kept = self._slices.get(index)
        if kept is None:
            shard = int(np.searchsorted(self.sources.starts, index, side="right")) - 1
            local = index - int(self.sources.starts[shard])
            calls: list = [None] * self._count
            calls[shard] = (local,)
            kept = self._call_all("source_slice", calls)[shard]
            self._slices[index] = kept
            if len(self._slices) > KEPT_SOURCES:
                self._slices.popitem(last=False)
        else:
            self._slices.move_to_end(index)
        return kept

    def _pieces(self, start: int, end: int, bounds: np.ndarray, part: int) -> str:
        pieces = []
        index = int(np.searchsorted(bounds, start, side="right")) - 1
        while start < end and index < len(bounds) - 1:
            stop = min(end, int(bounds[index + 1]))
            if stop > start:
                text = self._slice(index)[part]
                pieces.append(text[start - int(bounds[index]): stop - int(bounds[index])])
            start = max(start, stop)
            index += 1
        return "".join(pieces)

    def norm_text(self, start: int, end: int) -> str:
        return self._pieces(start, end, self.arrays.src_norm, 1)

    def orig_text(self, start: int, end: int) -> str:
        return self._pieces(start, end, self.arrays.src_orig, 0)

    def orig_offset(self, norm_position: int) -> int:
        index = self.source_of_norm(norm_position)
        offsets = self._slice(index)[2]
        return int(self.arrays.src_orig[index]) + int(offsets[norm_position - int(self.arrays.src_norm[index])])


def local_call_all(services: list[ShardService]) -> CallAll:
    """Shards in this process (tests, and a machine that holds every shard)."""
    def call_all(method: str, args: list) -> list:
        return [None if a is None else getattr(service, method)(*a) for service, a in zip(services, args)]
    return call_all
