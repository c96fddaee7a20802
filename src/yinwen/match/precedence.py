"""Which of several places holding the same words a citation names: the original before its echoes.

The same sentence often stands in several sources: a speech, the 新华社 report of it, a summary that
quotes it, a 决定 adopted two weeks later, a database of extracts. A citation must name the original,
so places are ordered by
1. the speaker or work the draft names (the speaker's own text before a body's document adopted under him);
2. the quality of the match (equal rank may still differ in cost);
3. standing: a dated original, then a dated document that quotes the words (inside its own quotation
   marks, or after another speaker's cue such as 习近平总书记指出，), then anything undated;
4. the earliest date (an excerpt in a compilation counts by its own dated note; a month-only date after
   the days of that month; classical texts before everything modern);
5. a full text before a compilation of excerpts, a primary document before a report or communiqué of
   the same day, then corpus order.
"""

from __future__ import annotations

import re

import numpy as np

from yinwen.corpus.search import exact_occurrences
from yinwen.corpus.sources import Source
from yinwen.corpus.store import Corpus
from yinwen.match.align import Alignment
from yinwen.match.attributed import source_matches_attribution
from yinwen.match.records import Candidate
from yinwen.match.strength import quoted_in_source
from yinwen.text.attribution import Attribution
from yinwen.text.speakers import resolve_speaker, speaker_table

# How many places of the same words are weighed; a stock phrase may stand in hundreds.
SAME_WORDS_LIMIT = 200
# How many distinct wordings among equally ranked candidates are widened to every place that holds them.
WORDINGS_WIDENED = 3
# Kinds that report or summarise what was said or decided elsewhere on the same day.
REPORTING_KINDS = ("news-report", "letter-report", "communique")
ISO_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
# After a name: what introduces the words that follow (在讲话中指出，).
INTRODUCES = re.compile(r"[^，。；：,]{0,24}?(?:指出|强调|说|讲|要求|提出|告诫|号召|希望|寄语|勉励|写道|表示)道?[，：:,]")
ANCIENT = (-10000, 0, 0)
UNDATED = (10000, 0, 0)


def date_key(date: str | None) -> tuple[int, int, int]:
    """Sortable (year, month, day); a missing month or day sorts after the known ones of its year or month."""
    found = ISO_DATE.match(date.strip()) if date else None
    if not found:
        return UNDATED
    year, month, day = found.groups()
    return int(year), int(month) if month else 13, int(day) if day else 32


def place_date(corpus: Corpus, candidate: Candidate) -> str | None:
    """The date of the words at ``candidate``: an excerpt's own dated note before its compilation's date."""
    source = corpus.sources[candidate.source]
    if not source.excerpts:
        return source.date
    paragraph = corpus.paragraph_number(candidate.source, corpus.orig_offset(candidate.start))
    return source.dated(paragraph)[0]


def quotes_another(corpus: Corpus, candidate: Candidate, source: Source) -> bool:
    """The source gives these words as someone else's: inside its own quotation marks, or in a sentence
    opened by another speaker's cue (蔡奇's summary: 习近平总书记在讲话中指出，……)."""
    if quoted_in_source(corpus, candidate):
        return True
    start = corpus.orig_offset(candidate.start)
    paragraph_start, _ = corpus.paragraph_bounds(start)
    before = corpus.orig_text(paragraph_start, start)
    sentence = before[max(before.rfind(mark) for mark in "。！？") + 1:]
    table = speaker_table()
    own = table.resolve(source.speaker or "")
    # The name must introduce the words: 习近平总书记在讲话中指出， — not a name somewhere in the sentence.
    return any(table.resolve(name) != own and INTRODUCES.match(sentence, end)
               for _, end, name in table.names_in(sentence))


def named_rank(corpus: Corpus, index: int, attribution: Attribution) -> int:
    """0: by the speaker the draft names, or the work it names; 1: a body's document adopted under him; 2: other."""
    if not (attribution.speaker or attribution.title or attribution.work_id or attribution.classical):
        return 2
    if not source_matches_attribution(corpus, index, attribution):
        return 2
    speaker = corpus.sources[index].speaker or ""
    return 0 if not attribution.speaker or resolve_speaker(speaker) == attribution.speaker else 1


def place_key(corpus: Corpus, candidate: Candidate, attribution: Attribution, named: int | None = None) -> tuple:
    """Sort key of a place (lower first), all but standing's original-or-quoting (``best_place`` asks that
    only of the few places that need it): named, cost, undated, date, compilation, reporting, corpus order."""
    source = corpus.sources[candidate.source]
    if named is None:
        named = named_rank(corpus, candidate.source, attribution)
    when = ANCIENT if source.is_classical else date_key(place_date(corpus, candidate))
    reporting = source.kind in REPORTING_KINDS
    return (named, candidate.cost, when == UNDATED, when, source.is_compilation, reporting, candidate.source,
            candidate.start)


def best_place(corpus: Corpus, places: list[Candidate], attribution: Attribution) -> Candidate:
    """The place a citation names (see the module docstring): among the best named-and-cost group, the
    earliest dated original; else the earliest dated document quoting the words; else the first undated."""
    named: dict[int, int] = {}
    for place in places:
        if place.source not in named:
            named[place.source] = named_rank(corpus, place.source, attribution)
    keyed = sorted(((place_key(corpus, place, attribution, named[place.source]), place) for place in places),
                   key=lambda item: item[0])
    head = keyed[0][0][:2]
    group = [(key, place) for key, place in keyed if key[:2] == head]
    for key, place in group:
        if key[2]:
            break  # undated from here on
        source = corpus.sources[place.source]
        if source.is_classical or not quotes_another(corpus, place, source):
            return place
    dated = [place for key, place in group if not key[2]]
    return dated[0] if dated else group[0][1]


_PLACES: dict[tuple[str, str], list[tuple[int, int]]] = {}
PLACES_REMEMBERED = 2048


def _places(corpus: Corpus, wording: str) -> list[tuple[int, int]]:
    """(source, position) of the first verbatim occurrence of ``wording`` in each source that holds it.
    Choosing a source, widening the equals and listing also_in ask for the same words: remembered."""
    key = (corpus.fingerprint, wording)
    found = _PLACES.get(key)
    if found is None:
        if len(_PLACES) >= PLACES_REMEMBERED:
            _PLACES.clear()
        found = _PLACES[key] = _find_places(corpus, wording)
    return found


def _find_places(corpus: Corpus, wording: str) -> list[tuple[int, int]]:
    positions = np.asarray(exact_occurrences(corpus, wording, limit=SAME_WORDS_LIMIT), dtype=np.int64)
    sources = np.searchsorted(corpus.arrays.src_norm, positions, side="right") - 1
    first: dict[int, int] = {}
    for source, position in zip(sources.tolist(), positions.tolist()):
        first.setdefault(source, position)
    return list(first.items())


def widened(equal: list[Candidate], corpus: Corpus) -> list[Candidate]:
    """The equally ranked candidates plus every other source that holds the same words as one of them."""
    pool = list(equal)
    seen = {c.source for c in equal}
    by_wording: dict[str, Candidate] = {}
    for candidate in equal:
        wording = corpus.norm_text(candidate.start, candidate.end)
        if len(wording) >= 4:
            by_wording.setdefault(wording, candidate)
    for wording, candidate in list(by_wording.items())[:WORDINGS_WIDENED]:
        for index, position in _places(corpus, wording):
            if index not in seen:
                seen.add(index)
                pool.append(Candidate(index, position, position + len(wording), candidate.alignment, 0))
    return pool


def also_in(corpus: Corpus, candidate: Candidate, limit: int) -> list[Candidate]:
    """Other sources that hold the words ``candidate`` cites, dated ones first, earliest first (at most ``limit``)."""
    wording = corpus.norm_text(candidate.start, candidate.end)
    if len(wording) < 4:
        return []
    places = [Candidate(index, position, position + len(wording), candidate.alignment, 0)
              for index, position in _places(corpus, wording) if index != candidate.source]
    ordered = sorted(places, key=lambda c: place_key(corpus, c, Attribution()))
    return ordered[:limit]


def verbatim_place(corpus: Corpus, source: int, start: int, end: int) -> Candidate:
    """A candidate for words found verbatim at normalised ``start``–``end`` of ``source`` (no alignment ran)."""
    wording = corpus.norm_text(start, end)
    exact = Alignment(0, len(wording), len(wording), len(wording), (), ((0, 0, len(wording)),), wording)
    return Candidate(source, start, end, exact, 0)


def original(corpus: Corpus, candidate: Candidate) -> Candidate:
    """The place a citation of these words should name: ``candidate`` or another source holding them."""
    return best_place(corpus, [candidate, *also_in(corpus, candidate, SAME_WORDS_LIMIT)], Attribution())
