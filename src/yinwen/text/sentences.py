"""Cut a document into sentences and clauses, each with its span and normalised text.

The repeated-sentence and unmarked-reuse rules compare pieces of prose; both need the same pieces,
with offsets into the original text so a finding points at the exact place.

The document is normalised once and each piece takes its slice of that copy (normalisation maps
character by character, so the slice equals the piece normalised on its own); normalising every
sentence and clause separately made this the slowest step on long documents.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from yinwen.text.normalize import Normalized, normalize, offsets_array

# Sentences end at 。！？； (and their ASCII forms) or at a line break.
SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』]?|\r\n|\r|\n")
# Clauses end additionally at ，, ： and 、.
CLAUSE_END = re.compile(r"[。！？；!?;，,：:]+[”’」』]?|\r\n|\r|\n")


class Piece(NamedTuple):
    """A stretch of the document: [start, end) in the original text and its normalised form.

    [start, end) runs from the first to the last character that takes part in matching. A named
    tuple, not a dataclass: a long document has a million of them and a tuple is built fastest.
    """

    start: int
    end: int
    norm: str


def _cut(text: str, pattern: re.Pattern[str], normalized: Normalized | None) -> list[Piece]:
    if normalized is None:
        normalized = normalize(text)
    separators = np.array([match.span() for match in pattern.finditer(text)], dtype=np.int64).reshape(-1)
    bounds = np.concatenate(([0], separators, [len(text)]))
    # Normalised characters [lo, hi) fall inside the original stretch [start, end) between separators.
    edges = np.searchsorted(offsets_array(normalized), bounds)
    keep = edges[0::2] < edges[1::2]
    los, his = edges[0::2][keep].tolist(), edges[1::2][keep].tolist()
    whole, offsets = normalized.text, normalized.offsets
    return [Piece(offsets[lo], offsets[hi - 1] + 1, whole[lo:hi]) for lo, hi in zip(los, his)]


def sentences(text: str, normalized: Normalized | None = None) -> list[Piece]:
    """Sentences of ``text``; pass ``normalize(text)`` when it is at hand, to save normalising again."""
    return _cut(text, SENTENCE_END, normalized)


def clauses(text: str, normalized: Normalized | None = None) -> list[Piece]:
    """Clauses of ``text``; pass ``normalize(text)`` when it is at hand, to save normalising again."""
    return _cut(text, CLAUSE_END, normalized)
