"""Numbers that decide verdicts, with their documented defaults (overridable in config)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from yinwen.messages import Message, msg


@dataclass(frozen=True)
class Thresholds:
    """Why each default is what it is: see docs/verdicts.md."""

    # Unattributed quotes this short (normalised characters) are terms (“躲事儿”), not quotations.
    term_max_chars: int = 6
    # Share of the quote's characters that must be found, in order, in one passage to call it a
    # misquote of that passage rather than an unrelated sentence.
    misquote_min_coverage: float = 0.75
    # Quotes shorter than this are "short": at most one changed character and a unique best match.
    short_quote_chars: int = 12
    # Share of a quote's characters in runs the corpus holds rarely (match/strength.py) before an unnamed
    # quote's differences from a passage count as a misquote of it.
    distinctive_min_share: float = 0.5
    # Shortest quote checked at all when unattributed (shorter ones are terms).
    unattributed_min_chars: int = 7
    # A partial match (part of the quote found, the rest nowhere) needs this many characters found
    # and this share of the quote, and an attributed quote.
    partial_min_chars: int = 16
    partial_min_coverage: float = 0.45
    # Each part of a splice must be at least this long and matched at least this well.
    splice_part_min_chars: int = 8
    splice_part_min_coverage: float = 0.85
    # An omission longer than this (and longer than the quote) joins two places: a splice.
    adjacent_max_gap: int = 60
    # At most this many separate edits per 10 characters before it is a different sentence.
    max_edits_per_10_chars: float = 1.5
    # YW202: a sentence or clause this long (normalised, not counting stock phrases of the corpus)
    # that recurs in the same document, identical or at least this similar, is reported.
    repeat_min_chars: int = 12
    repeat_min_similarity: float = 0.9
    # A clause (between commas) must be this long to count alone: shorter ones are the genre's
    # formulae (较好地履行了自己的岗位职责). Next to a repeated clause, shorter ones join the finding.
    repeat_clause_min_chars: int = 16
    # Near-duplicates (similar, not identical) must be this long: in a short clause one changed
    # character is a different statement (省委召开… / 市委召开…).
    repeat_near_min_chars: int = 20
    # YW203: a run this long (normalised) found verbatim in a corpus source outside quotation marks.
    reuse_min_chars: int = 20
    # A run found in this many places of the corpus or more is a stock phrase, not reuse of one source.
    stock_min_occurrences: int = 3


# The values each threshold may take. Outside them a threshold stops meaning what docs/verdicts.md
# says (a coverage of 0 calls any sentence a misquote, nan compares false with everything, a length of
# 10**30 overflows the index's integers), so a config or option naming one is refused with this range.
# Shares are in (0, 1]; lengths and counts are integers within the bounds.
RANGES: dict[str, tuple[float, float]] = {
    "term_max_chars": (1, 1000),
    "misquote_min_coverage": (0.0, 1.0),
    "short_quote_chars": (1, 1000),
    "distinctive_min_share": (0.0, 1.0),
    "unattributed_min_chars": (1, 1000),
    "partial_min_chars": (1, 10_000),
    "partial_min_coverage": (0.0, 1.0),
    "splice_part_min_chars": (1, 10_000),
    "splice_part_min_coverage": (0.0, 1.0),
    "adjacent_max_gap": (1, 100_000),
    "max_edits_per_10_chars": (0.0, 10.0),
    "repeat_min_chars": (2, 10_000),
    "repeat_min_similarity": (0.0, 1.0),
    "repeat_clause_min_chars": (2, 10_000),
    "repeat_near_min_chars": (2, 10_000),
    "reuse_min_chars": (6, 10_000),
    "stock_min_occurrences": (2, 1_000_000),
}


def threshold_problem(name: str, value: float) -> Message | None:
    """Why ``value`` cannot be threshold ``name`` (None when it can): integers within their bounds,
    shares and rates finite, above the lower bound and at most the upper one."""
    low, high = RANGES[name]
    if isinstance(low, int):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return msg("threshold-integer", low=low, high=high, got=repr(value))
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not low < value <= high:
        return msg("threshold-number", low=f"{low:g}", high=f"{high:g}", got=repr(value))
    return None
