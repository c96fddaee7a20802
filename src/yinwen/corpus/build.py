"""Build the compact index from a stream of sources, one batch of text at a time.

The text is read and encoded a batch at a time (whole sources, about 16 M characters), each array is
appended to its sink as it grows, and the gram sort then runs over the finished ``norm`` (memory-
mapped from the staging directory) one range of first characters at a time. Peak memory follows
the batch and the partition, not the corpus: an archive of a billion characters builds on a laptop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from yinwen.corpus.gramsort import sort_grams
from yinwen.corpus.index import BLOCK_SHIFT
from yinwen.corpus.sources import Source
from yinwen.memory import release_free_memory
from yinwen.text.normalize import fold_codes, to_codes

BATCH_CHARS = 1 << 20
MAX_CODE = 0x110000


class WideAlphabet(Exception):
    """More distinct characters than 16-bit ids hold: the build restarts with 32-bit ids."""


class _Encoder:
    """Turns batches of source text into ids and offset maps, appending them to the sink."""

    def __init__(self, sink, wide: bool) -> None:
        self.sink = sink
        self.dtype = np.uint32 if wide else np.uint16
        self.id_of = np.zeros(MAX_CODE, dtype=np.uint32)
        self.chars: list[int] = [0]
        self.n_orig = 0
        self.n_norm = 0
        self.src_orig = [0]
        self.src_norm = [0]
        self.para_orig: list[np.ndarray] = []
        self.rel_dtype = np.uint32 if wide else np.uint16
        self.base_tail = 0

    def _assign(self, codes: np.ndarray) -> None:
        """Give an id to every code point not seen before (ascending within the batch: deterministic)."""
        if not len(codes):
            return
        present = np.flatnonzero(np.bincount(codes, minlength=1))
        new = present[self.id_of[present] == 0]
        if len(self.chars) + len(new) > np.iinfo(self.dtype).max + 1:
            raise WideAlphabet
        self.id_of[new] = np.arange(len(self.chars), len(self.chars) + len(new), dtype=np.uint32)
        self.chars.extend(new.tolist())

    def add(self, batch: list[Source]) -> None:
        paragraph_lengths = np.array([len(p) + 1 for source in batch for p in source.paragraphs], dtype=np.int64)
        codes = to_codes("".join(p + "\n" for source in batch for p in source.paragraphs))
        source_lengths = [sum(len(p) + 1 for p in source.paragraphs) for source in batch]
        batch.clear()
        starts = np.zeros(len(paragraph_lengths), dtype=np.int64)
        starts[1:] = np.cumsum(paragraph_lengths)[:-1]
        self.para_orig.append(starts + self.n_orig)
        folded = fold_codes(codes)
        self._assign(codes)
        self._assign(folded[folded != 0])
        self.sink.append("orig", self.id_of[codes].astype(self.dtype))
        keep = folded != 0
        self.sink.append("norm", self.id_of[folded[keep]].astype(self.dtype))
        del folded
        norm_orig = np.flatnonzero(keep) + self.n_orig
        source_ends = np.cumsum(np.array(source_lengths, dtype=np.int64))
        kept_before = np.concatenate(([0], np.cumsum(keep)))
        self.src_norm.extend((kept_before[source_ends] + self.n_norm).tolist())
        self.src_orig.extend((source_ends + self.n_orig).tolist())
        self._offset_map(norm_orig)
        self.n_orig += len(codes)
        self.n_norm += len(norm_orig)

    def _offset_map(self, norm_orig: np.ndarray) -> None:
        """Append norm_base (every 256th orig offset) and norm_rel (the remainder) for this batch."""
        block = 1 << BLOCK_SHIFT
        first_head = -self.n_norm % block  # entries before it belong to a block the previous batch opened
        heads = np.arange(first_head, len(norm_orig), block)
        self.sink.append("norm_base", norm_orig[heads])
        head_values = np.concatenate(([self.base_tail], norm_orig[heads]))
        index = np.arange(len(norm_orig), dtype=np.int64)
        which = np.where(index >= first_head, (index - first_head) // block + 1, 0)
        rel = norm_orig - head_values[which]
        if len(heads):
            self.base_tail = int(norm_orig[heads[-1]])
        if len(rel) and int(rel.max()) > np.iinfo(self.rel_dtype).max:
            raise WideAlphabet  # a block with over 65,535 dropped characters: rebuild with wide arrays
        self.sink.append("norm_rel", rel.astype(self.rel_dtype))

    def finish(self) -> None:
        for name, dtype in (("orig", self.dtype), ("norm", self.dtype), ("norm_rel", self.rel_dtype),
                            ("norm_base", np.int64)):
            self.sink.append(name, np.zeros(0, dtype))  # so that an empty corpus still has every array
        self.sink.put("chars", np.array(self.chars, dtype=np.uint32))
        self.sink.put("src_norm", np.array(self.src_norm, dtype=np.int64))
        self.sink.put("src_orig", np.array(self.src_orig, dtype=np.int64))
        self.sink.put("para_orig", np.concatenate(self.para_orig) if self.para_orig else np.zeros(0, np.int64))


# progress(done, total) during the gram sort
Tell = Callable[[int, int], None]


def build_index(sources: Iterable[Source], sink, wide: bool = False, on_sort: Tell | None = None,
                batch_chars: int = BATCH_CHARS) -> None:
    """Encode ``sources`` into ``sink`` and sort their grams. Raises WideAlphabet when 16-bit ids do
    not suffice (the caller starts again with ``wide=True`` on a fresh sink)."""
    encoder = _Encoder(sink, wide)
    batch: list[Source] = []
    size = 0
    for source in sources:
        batch.append(source)
        size += sum(map(len, source.paragraphs)) + len(source.paragraphs)
        if size >= batch_chars:
            encoder.add(batch)
            size = 0
    encoder.add(batch)
    encoder.finish()
    release_free_memory()  # the sources' strings are gone; the sort needs the room
    norm = sink.view("norm")
    src_norm = np.array(encoder.src_norm, dtype=np.int64)
    sort_grams(norm, src_norm, 16 if encoder.dtype == np.uint16 else 21, sink, on_sort)
