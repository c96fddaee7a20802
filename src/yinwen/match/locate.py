"""Find the best passage for one stretch of a quote; among equally good ones, the original the draft means.

This is the one place that decides which source a quotation is cited to: every output (text, JSON,
SARIF, HTML, ``cite``, ``--fix``) reads the candidate chosen here. The order among places holding the
same words is in ``precedence``.
"""

from __future__ import annotations

from yinwen.corpus.store import Corpus
from yinwen.match.candidates import rank, search
from yinwen.match.precedence import best_place, widened
from yinwen.match.records import Candidate, PartMatch
from yinwen.match.thresholds import Thresholds
from yinwen.text.attribution import Attribution
from yinwen.text.normalize import normalize


def find_part(start: int, end: int, text: str, corpus: Corpus, attribution: Attribution, thresholds: Thresholds,
               prefer: tuple[int, int] | None = None) -> PartMatch:
    normalized = normalize(text)
    candidates = search(corpus, normalized.text)
    best = choose(candidates, corpus, attribution, prefer)
    rival = None
    if best is not None:
        wording = best.alignment.source_text
        # Another wording, not the same passage cut shorter or longer (功以才成业由 is 功以才成，业由才广).
        rivals = [c for c in candidates
                  if c.alignment.source_text not in wording and wording not in c.alignment.source_text]
        rival = min(c.cost for c in rivals) if rivals else None
    return PartMatch(start, end, best, normalized, start, rival)


def choose(candidates: list[Candidate], corpus: Corpus, attribution: Attribution,
            prefer: tuple[int, int] | None) -> Candidate | None:
    """Best candidate; among equally good ones (and every other place holding their words), the source
    the draft names, else the earliest dated original (``prefer`` keeps the parts of an ellipsis together)."""
    if not candidates:
        return None
    top = candidates[0]
    if prefer is not None:
        source, after = prefer
        ordered = [c for c in candidates if c.source == source and c.start >= after]
        if ordered and ordered[0].alignment.coverage >= top.alignment.coverage - 0.05:
            return ordered[0]
    equal = [c for c in candidates if rank(c) == rank(top)] or [top]
    return best_place(corpus, widened(equal, corpus), attribution)
