"""Turn an aligned match into what a writer reads: the source's exact wording, citation and edits.

Everything here maps normalised coordinates back to original text, so the edits show the real
characters (with punctuation) of the draft and of the source.
"""

from __future__ import annotations

from yinwen.corpus.store import Corpus
from yinwen.diagnostics import Edit, SourceRef
from yinwen.match.align import Run
from yinwen.match.precedence import also_in
from yinwen.match.records import Candidate, PartMatch

# How many other sources holding the same words a citation lists.
ALSO_IN_MAX = 10


def window_start(part: PartMatch) -> int:
    candidate = part.candidate
    assert candidate is not None
    return candidate.start - candidate.alignment.s_start


def source_span(part: PartMatch, corpus: Corpus) -> tuple[int, int]:
    """Original-text offsets (corpus-wide) of the passage the part matched."""
    candidate = part.candidate
    assert candidate is not None
    return corpus.orig_offset(candidate.start), corpus.orig_offset(candidate.end - 1) + 1


def source_ref(part: PartMatch, corpus: Corpus, lang: str = "zh") -> SourceRef:
    """The citation and exact wording of the passage a part matched, with the other sources that hold it."""
    candidate = part.candidate
    assert candidate is not None
    start, end = source_span(part, corpus)
    return place_ref(candidate, corpus, lang, corpus.orig_text(start, end))


def place_ref(candidate: Candidate, corpus: Corpus, lang: str, text: str = "", numbered: bool = False,
              also: bool = True) -> SourceRef:
    """The citation of one place: its source, the passage's own date and occasion, its paragraph."""
    source = corpus.sources[candidate.source]
    start = corpus.orig_offset(candidate.start)
    paragraph = corpus.paragraph_number(candidate.source, start)
    others = tuple(place_ref(other, corpus, lang, also=False) for other in also_in(corpus, candidate, ALSO_IN_MAX)) \
        if also else ()
    if corpus.paragraph_count(candidate.source) <= 1 and not numbered:
        locator = ""  # a one-paragraph source (an excerpt, a short poem) needs no paragraph number
    else:
        locator = f"第{paragraph}段" if lang != "en" else f"paragraph {paragraph}"
    date, occasion = source.dated(paragraph)
    return SourceRef(
        id=source.id,
        title=display_title(source),
        speaker=source.speaker,
        date=date,
        locator=locator,
        text=text,
        kind=source.kind,
        publisher=source.publisher,
        occasion=occasion,
        also_in=others,
    )


COLLECTIONS = ("全唐诗", "全宋诗", "全宋词", "唐诗三百首", "宋词三百首", "千家诗", "古文观止")


def display_title(source) -> str:
    """《论语·学而篇》 for a chapter of a book; a poem or a speech keeps its own title."""
    book = source.book
    if book and book not in source.title and book not in COLLECTIONS and source.is_classical:
        return f"{book}·{source.title}"
    return source.title


def _quote_text(part: PartMatch, document_text: str, q_start: int, q_end: int) -> tuple[str, int, int]:
    a, b = part.normalized.original_span(q_start, q_end)
    return document_text[part.doc_offset + a: part.doc_offset + b], part.doc_offset + a, part.doc_offset + b


def _source_text(part: PartMatch, corpus: Corpus, run: Run) -> str:
    base = window_start(part)
    if run.s_end <= run.s_start:
        return ""
    start = corpus.orig_offset(base + run.s_start)
    end = corpus.orig_offset(base + run.s_end - 1) + 1
    if run.op == "omit" and base + run.s_end < len(corpus.arrays.norm):
        # An omitted clause takes its punctuation with it (【为了人民、】), up to the next kept word.
        following = corpus.orig_offset(base + run.s_end)
        gap = corpus.orig_text(end, following)
        if "\n" not in gap:
            end = following
    return corpus.orig_text(start, end)


def edits(part: PartMatch, corpus: Corpus, document_text: str) -> tuple[Edit, ...]:
    """The part's differences from its source, in order, with original characters on both sides."""
    alignment = part.alignment
    if alignment is None:
        return ()
    found = []
    for run in alignment.runs:
        quote, start, end = _quote_text(part, document_text, run.q_start, run.q_end) if run.q_end > run.q_start else ("", 0, 0)
        if run.q_end <= run.q_start:
            anchor = _anchor(part, run.q_start)
            start = end = anchor
        found.append(Edit(run.op, quote, _source_text(part, corpus, run), start, end))
    return tuple(found)


def _anchor(part: PartMatch, q_position: int) -> int:
    """Document offset where an omission sits (just after the preceding quote character)."""
    offsets = part.normalized.offsets
    if q_position == 0 or not offsets:
        return part.doc_offset + (offsets[0] if offsets else 0)
    return part.doc_offset + offsets[q_position - 1] + 1


def marked(text: str, base: int, spans: list[tuple[int, int]], open_mark: str = "【", close_mark: str = "】") -> str:
    """``text`` (starting at document offset ``base``) with each span bracketed."""
    out = []
    cursor = 0
    for start, end in sorted(spans):
        a, b = start - base, end - base
        if a < cursor:
            continue
        out.append(text[cursor:a])
        out.append(open_mark + text[a:b] + close_mark)
        cursor = b
    out.append(text[cursor:])
    return "".join(out)


def source_marked(part: PartMatch, corpus: Corpus, open_mark: str = "【", close_mark: str = "】") -> str:
    """The matched source passage with the characters the quote changed or left out bracketed."""
    alignment = part.alignment
    assert alignment is not None
    base = window_start(part)
    start, end = source_span(part, corpus)
    spans = []
    for run in alignment.runs:
        if run.s_end > run.s_start:
            a = corpus.orig_offset(base + run.s_start)
            b = corpus.orig_offset(base + run.s_end - 1) + 1
            spans.append((a, b))
    return marked(corpus.orig_text(start, end), start, spans, open_mark, close_mark)


def fixed_text(part: PartMatch, corpus: Corpus) -> str:
    """The source's wording for the matched passage: what the quote should read."""
    start, end = source_span(part, corpus)
    return corpus.orig_text(start, end)
