"""How much of a draft stands verbatim in the corpus, and where: the data behind YW203 and --reuse-report.

A draft in this genre is often assembled from pieces of reports. Text inside quotation marks is cited
and is the quote rules' business; text inside 《》 is a title. Everything else that runs verbatim for
``reuse_min_chars`` normalised characters or more came from a source and can be quoted and cited
instead — unless most of it is stock language the corpus uses in many places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from yinwen.corpus.store import Corpus
from yinwen.corpus.verbatim import Run, covering_counts, stock_mask, verbatim_runs
from yinwen.diagnostics import SourceRef
from yinwen.match.thresholds import Thresholds
from yinwen.text.document import Document
from yinwen.text.normalize import Normalized, normalize_document, offsets_array
from yinwen.text.quotes import Extraction

TITLE_MARKS = ("《", "》")
# A speech named without 《》: 在全国教育大会上的重要讲话（精神）. It is a reference, like a title.
SPEECH_TITLE = re.compile(r"在[^，。；！？\r\n]{2,60}?上的(?:重要)?讲话(?:精神)?")
# The characters that open, close or cut off a title: the only ones the title scan needs to visit.
TITLE_EVENTS = re.compile("[《》\r\n]")


@dataclass(frozen=True)
class Reused:
    """One stretch of the draft (original offsets) found verbatim in one corpus place."""

    start: int
    end: int
    chars: int
    quoted: bool
    stock: bool
    source: int
    corpus_start: int
    corpus_end: int
    places: int


@dataclass(frozen=True)
class ReuseSummary:
    """Per document: normalised characters, those found verbatim, those found outside quotation marks."""

    chars: int
    verbatim_chars: int
    unmarked_chars: int
    by_source: tuple[tuple[int, int], ...]  # (source index, characters), most first
    stretches: tuple[Reused, ...]

    @property
    def share(self) -> float:
        return self.verbatim_chars / self.chars if self.chars else 0.0

    @property
    def unmarked_share(self) -> float:
        return self.unmarked_chars / self.chars if self.chars else 0.0


def cited_mask(document: Document, extraction: Extraction, normalized: Normalized) -> np.ndarray:
    """True for each normalised character inside quotation marks, a 《title》 or a speech's name."""
    marked = np.zeros(len(document.text) + 1, dtype=np.int32)
    for quote in extraction.quotes:
        marked[quote.start] += 1
        marked[quote.end] -= 1
    text = document.text
    opened = -1
    for match in TITLE_EVENTS.finditer(text):
        index, ch = match.start(), match.group()
        if ch == TITLE_MARKS[0]:
            opened = index
        elif ch == TITLE_MARKS[1] and opened >= 0:
            marked[opened] += 1
            marked[index + 1] -= 1
            opened = -1
        elif ch in "\r\n":
            opened = -1
    for match in SPEECH_TITLE.finditer(text):
        marked[match.start()] += 1
        marked[match.end()] -= 1
    inside = np.cumsum(marked)[:-1] > 0
    offsets = offsets_array(normalized)
    return inside[offsets] if len(offsets) else np.zeros(0, dtype=bool)


def measure_reuse(document: Document, extraction: Extraction, corpus: Corpus, thresholds: Thresholds) -> ReuseSummary:
    """Every verbatim stretch of the draft, one source each, with the shares --reuse-report prints."""
    normalized = normalize_document(document.text)
    text = normalized.text
    min_len = thresholds.reuse_min_chars
    runs = verbatim_runs(corpus, text, min_len)
    counts = covering_counts(runs)
    cited = cited_mask(document, extraction, normalized)
    covered = np.zeros(len(text), dtype=bool)
    unmarked = np.zeros(len(text), dtype=bool)
    chosen: list[tuple[Run, int]] = []
    # Longest first; a stretch mostly covered already (the same words in another source) adds nothing.
    for index in sorted(range(len(runs)), key=lambda i: (-runs[i].length, runs[i].start, runs[i].corpus_start)):
        run = runs[index]
        fresh = run.length - int(np.count_nonzero(covered[run.start: run.end]))
        covered[run.start: run.end] = True
        if fresh * 2 >= run.length:
            chosen.append((run, int(counts[index])))
    stretches = []
    per_source: dict[int, int] = {}
    mostly_stock: dict[str, bool] = {}  # a long draft repeats its wording: ask the corpus once per wording
    for run, places in sorted(chosen, key=lambda item: item[0].start):
        quoted = bool(cited[run.start: run.end].mean() > 0.5)
        wording = text[run.start: run.end]
        if places < thresholds.stock_min_occurrences and wording not in mostly_stock:
            mostly_stock[wording] = _mostly_stock(corpus, wording, thresholds)
        stock = places >= thresholds.stock_min_occurrences or mostly_stock[wording]
        if not quoted:
            unmarked[run.start: run.end] |= ~cited[run.start: run.end]
        start, end = normalized.original_span(run.start, run.end)
        source = corpus.source_of_norm(run.corpus_start)
        per_source[source] = per_source.get(source, 0) + run.length
        stretches.append(Reused(start, end, run.length, quoted, stock, source, run.corpus_start,
                                run.corpus_start + run.length, places))
    ranked = tuple(sorted(per_source.items(), key=lambda item: (-item[1], item[0])))
    return ReuseSummary(len(text), int(covered.sum()), int(unmarked.sum()), ranked, tuple(stretches))


def _mostly_stock(corpus: Corpus, text: str, thresholds: Thresholds) -> bool:
    """Fewer than half the characters lie outside stock phrases: nothing worth citing on its own."""
    mask = stock_mask(corpus, text, min_occurrences=thresholds.stock_min_occurrences)
    return int(np.count_nonzero(~mask)) * 2 < thresholds.reuse_min_chars


def reused_source_ref(stretch: Reused, corpus: Corpus, lang: str = "zh") -> SourceRef:
    """Citation and exact wording of the words a stretch reuses, at their original (``precedence``)."""
    from yinwen.match.evidence import place_ref
    from yinwen.match.precedence import original, verbatim_place

    place = original(corpus, verbatim_place(corpus, stretch.source, stretch.corpus_start, stretch.corpus_end))
    start = corpus.orig_offset(place.start)
    end = corpus.orig_offset(place.end - 1) + 1
    return place_ref(place, corpus, lang, corpus.orig_text(start, end), numbered=True)
