"""The one normalisation used everywhere: for the corpus index, for quotes, for every rule.

Matching happens on a normalised copy of the text: compatibility forms folded (NFKC: full-width
letters and digits), ASCII lower-cased, variant and traditional characters mapped to one simplified
form, and punctuation, whitespace and invisible characters removed. The copy keeps, for each of its
characters, the offset of the character it came from, so every finding points into the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

from yinwen.resources import load_variants

# Separators never appear in normalised text; the corpus index uses one between sources.
SEPARATOR = "\x00"

_DROPPED_CATEGORIES = ("P", "Z", "C")


@cache
def fold_char(ch: str) -> str:
    """Map one character to its matching form, or to '' when it does not take part in matching."""
    variants = load_variants()
    folded = unicodedata.normalize("NFKC", ch)
    for candidate in folded:
        if unicodedata.category(candidate)[0] in _DROPPED_CATEGORIES or candidate.isspace():
            continue
        # One character in, at most one out, or the offset map would slip: "İ".lower() is two.
        candidate = candidate.lower()[:1]
        return variants.get(candidate, candidate)
    return ""


def to_codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def codes_to_text(codes: np.ndarray) -> str:
    return np.ascontiguousarray(codes, dtype=np.uint32).tobytes().decode("utf-32-le")


def fold_codes(codes: np.ndarray) -> np.ndarray:
    """Vectorised ``fold_char``: the same mapping, computed once per distinct character.

    A lookup table over the distinct code points (found with a linear bincount, not a sort) keeps
    this O(N) at hundreds of millions of characters.
    """
    if not len(codes):
        return codes.astype(np.uint32)
    present = np.flatnonzero(np.bincount(codes, minlength=int(codes.max()) + 1))
    table = np.zeros(int(present[-1]) + 1, dtype=np.uint32)
    table[present] = [ord(fold_char(chr(c)) or "\x00") for c in present.tolist()]
    return table[codes]


def is_punctuation(ch: str) -> bool:
    """True for characters normalisation removes (punctuation, spaces, controls)."""
    return fold_char(ch) == ""


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, per character, the offset of its source character in the original."""

    text: str
    offsets: tuple[int, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original text."""
        if start >= end:
            anchor = self.offsets[start] if start < len(self.offsets) else self.original_length
            return anchor, anchor
        return self.offsets[start], self.offsets[end - 1] + 1


_FOLDED: dict[str, str] = {}


def _fold_map(text: str) -> dict[str, str]:
    """``fold_char`` for every distinct character of ``text``, memoised in a plain dict (a dict
    lookup per character is several times cheaper than a call through ``lru_cache``)."""
    table = _FOLDED
    for ch in [ch for ch in set(text) if ch not in table]:  # not set - keys(): that walks every key
        table[ch] = fold_char(ch)
    return table


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching, keeping the map back to original offsets."""
    try:
        folded = [_FOLDED[ch] for ch in text]
    except KeyError:
        table = _fold_map(text)
        folded = [table[ch] for ch in text]
    offsets = [index for index, value in enumerate(folded) if value]
    return Normalized("".join(folded), tuple(offsets), len(text))


_LAST: list[tuple[str, Normalized, np.ndarray]] = []


def normalize_document(text: str) -> Normalized:
    """``normalize(text)`` for a whole draft, in numpy, keeping the last result: the document rules
    of one draft each need it, and character by character it takes a second at millions of characters."""
    if _LAST and _LAST[0][0] is text:
        return _LAST[0][1]
    try:
        folded = fold_codes(to_codes(text))  # fold_char per code point; 0 where it gives ''
    except UnicodeEncodeError:  # a lone surrogate: no UTF-32 form, take the slow way
        normalized = normalize(text)
        offsets = np.asarray(normalized.offsets, dtype=np.int64)
    else:
        offsets = np.flatnonzero(folded)
        kept = np.ascontiguousarray(folded[offsets], dtype=np.uint32)
        normalized = Normalized(kept.tobytes().decode("utf-32-le"), tuple(offsets.tolist()), len(text))
    _LAST[:] = [(text, normalized, offsets)]
    return normalized


def offsets_array(normalized: Normalized) -> np.ndarray:
    """``normalized.offsets`` as an int64 array (kept from ``normalize_document`` for the draft)."""
    if _LAST and _LAST[0][1] is normalized:
        return _LAST[0][2]
    return np.asarray(normalized.offsets, dtype=np.int64)


def normalize_text(text: str) -> str:
    """Normalised text only, for callers that need no offsets."""
    try:
        return "".join([_FOLDED[ch] for ch in text])
    except KeyError:
        table = _fold_map(text)
        return "".join([table[ch] for ch in text])
