"""Cut a document into sentences and clauses, each with its span and normalised text.

The repeated-sentence and unmarked-reuse rules compare pieces of prose; both need the same pieces,
with offsets into the original text so a finding points at the exact place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yinwen.normalize import Normalized, normalize

# Sentences end at 。！？； (and their ASCII forms) or at a line break.
SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』]?|\r\n|\r|\n")
# Clauses end additionally at ，, ： and 、.
CLAUSE_END = re.compile(r"[。！？；!?;，,：:]+[”’」』]?|\r\n|\r|\n")


@dataclass(frozen=True)
class Piece:
    """A stretch of the document: [start, end) in the original text and its normalised form."""

    start: int
    end: int
    normalized: Normalized

    @property
    def norm(self) -> str:
        return self.normalized.text


def _cut(text: str, pattern: re.Pattern[str]) -> list[Piece]:
    pieces: list[Piece] = []
    cursor = 0
    for match in pattern.finditer(text):
        _add(text, cursor, match.start(), pieces)
        cursor = match.end()
    _add(text, cursor, len(text), pieces)
    return pieces


def _add(text: str, start: int, end: int, pieces: list[Piece]) -> None:
    normalized = normalize(text[start:end])
    if not normalized.text:
        return
    # Trim to the first and last character that takes part in matching.
    a, b = normalized.original_span(0, len(normalized.text))
    pieces.append(Piece(start + a, start + b, normalize(text[start + a: start + b])))


def sentences(text: str) -> list[Piece]:
    return _cut(text, SENTENCE_END)


def clauses(text: str) -> list[Piece]:
    return _cut(text, CLAUSE_END)
