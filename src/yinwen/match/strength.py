"""How strong the evidence is that a passage is a quotation's source, so that a difference is a misquote.

A near match is not yet a misquote. The passage must be the quote's source, not another sentence that
happens to share words: its wording must point to that passage (runs of the quote that are rare in the
corpus), the differences must be edits (not one long stretch of other text counted as one replacement),
the passage must be the source's own words (a speech quoting a folk saying or part of an essay does not
fix the saying's wording), and it must not contradict the year or occasion the draft names.
"""

from __future__ import annotations

import re

from yinwen.corpus.search import exact_occurrences
from yinwen.corpus.store import Corpus
from yinwen.match.align import Alignment
from yinwen.match.records import Candidate, PartMatch
from yinwen.text.attribution import Attribution
from yinwen.text.speakers import names_of

# A matched run of the quote is distinctive when the corpus holds it in at most this many places
# (a famous line quoted in several speeches still points to one saying; a stock phrase does not).
RARE_PLACES = {3: 4, 4: 30}
# Differences longer than this on both sides (or text inserted mid-quote) are other words, not an edit.
LONG_EDIT_CHARS = 5
OPENING_MARKS = "“「『‘\""
CLOSING_MARKS = "”」』’\""


def distinctive_share(corpus: Corpus, part: PartMatch) -> float:
    """Share of the quote's characters that lie in matched runs (3+ characters) the corpus holds rarely."""
    alignment = part.alignment
    quote = part.normalized.text
    if alignment is None or not quote:
        return 0.0
    rare = 0
    for q_start, _, size in alignment.blocks:
        if size < 3:
            continue
        limit = RARE_PLACES[min(size, 4)]
        if len(exact_occurrences(corpus, quote[q_start:q_start + size], limit=limit + 1)) <= limit:
            rare += size
    return rare / len(quote)


def long_edit(alignment: Alignment) -> bool:
    """An edit that is really other text: a replacement long on both sides, or words inserted mid-quote."""
    for run in alignment.runs:
        quote_side, source_side = run.q_end - run.q_start, run.s_end - run.s_start
        inner = 0 < run.q_start and run.q_end < alignment.quote_length
        if run.op == "replace" and min(quote_side, source_side) >= LONG_EDIT_CHARS:
            return True
        if run.op == "insert" and inner and quote_side >= LONG_EDIT_CHARS:
            return True
    return False


def quoted_in_source(corpus: Corpus, candidate: Candidate) -> bool:
    """The passage stands inside quotation marks in its source: the source quotes someone else (a saying,
    a classic, an essay), so its wording is one rendering, not the original."""
    if corpus.sources[candidate.source].is_classical:
        return False  # 子曰：「…」 in a classic marks the speaker's own words, not a quotation of someone else
    start = corpus.orig_offset(candidate.start)
    end = corpus.orig_offset(candidate.end - 1) + 1
    para_start, para_end = corpus.paragraph_bounds(start)
    before = corpus.orig_text(max(para_start, start - 80), start)
    after = corpus.orig_text(end, min(para_end, end + 80))
    opened = max(before.rfind(mark) for mark in OPENING_MARKS)
    closed = max(before.rfind(mark) for mark in "”」』’")
    if not (opened > closed and any(mark in after for mark in CLOSING_MARKS)):
        return False
    # A report that quotes its own speaker (习近平说：“…”) gives that speaker's words, not someone else's.
    speaker = corpus.sources[candidate.source].speaker
    cue = before[max(0, opened - 40):opened]
    return not (speaker and any(name in cue for name in names_of(speaker)))


def occasion_conflict(attribution: Attribution, corpus: Corpus, candidate: Candidate) -> bool:
    """The draft names a year or an occasion that the passage's source is not (a 2022 visit is not a 2020
    speech that shares a few words with it). A compilation's passage is dated by its own note."""
    source = corpus.sources[candidate.source]
    paragraph = corpus.paragraph_number(candidate.source, corpus.orig_offset(candidate.start))
    date, occasion = source.dated(paragraph)
    if attribution.year and date and date[:4].isdigit() and int(date[:4]) != attribution.year:
        return True
    if attribution.occasion and date:
        wanted = _bigrams(attribution.occasion)
        have = _bigrams(" ".join(filter(None, [source.title, occasion, *source.aliases])))
        return len(wanted) >= 2 and not wanted & have
    return False


_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _bigrams(text: str) -> set[str]:
    return {run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)} - {"讲话", "重要", "会议", "时候"}
