"""Aligned candidate passages for a normalised quote, best first, and how they are ranked."""

from __future__ import annotations

from yinwen.corpus.search import DEFAULT_CANDIDATES, candidate_windows, exact_occurrences
from yinwen.corpus.store import Corpus
from yinwen.match.align import align
from yinwen.match.records import Candidate

# Of the voted windows, how many are aligned exactly (after a fast LCS screen).
ALIGNED_WINDOWS = 4


def search(corpus: Corpus, quote: str, limit: int = DEFAULT_CANDIDATES) -> list[Candidate]:
    """Aligned candidates for a normalised quote, best first.

    Verbatim occurrences come first and, when there are any, are the answer: nothing can beat them
    and voting would only cost time. Otherwise the voted windows are screened with a fast
    longest-common-subsequence length (rapidfuzz, C++) and only the most promising are aligned.
    """
    from rapidfuzz.distance import LCSseq

    exact = [] if len(quote) < 4 else exact_occurrences(corpus, quote, limit=limit)
    if exact:
        windows = [(corpus.source_of_norm(p), p, p + len(quote), len(quote)) for p in exact]
    else:
        windows = candidate_windows(corpus, quote, limit)
        if len(windows) > ALIGNED_WINDOWS:
            texts = [corpus.norm_text(start, end) for _, start, end, _ in windows]
            scores = [LCSseq.similarity(quote, text) for text in texts]
            order = sorted(range(len(windows)), key=lambda i: (-scores[i], i))[:ALIGNED_WINDOWS]
            windows = [windows[i] for i in sorted(order)]
    candidates = []
    for source, start, end, votes in windows:
        alignment = align(quote, corpus.norm_text(start, end))
        if not alignment.matches:
            continue
        candidates.append(
            Candidate(source, start + alignment.s_start, start + alignment.s_end, alignment, votes)
        )
    candidates.sort(key=lambda c: (rank(c), c.cost, c.source, c.start))
    return candidates


def rank(candidate: Candidate) -> float:
    """Lower is better. A quote character not found is strong evidence against a passage; each
    separate edit is one event; the length of an omission matters little (a clause dropped from the
    right passage beats a handful of common words found in the wrong one)."""
    alignment = candidate.alignment
    missing = alignment.quote_length - alignment.matches
    omitted = sum(run.s_end - run.s_start for run in alignment.runs if run.op == "omit")
    return 2 * missing + len(alignment.runs) + omitted / 20
