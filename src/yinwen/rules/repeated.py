"""YW202 repeated-sentence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.rules import Context, Rule
from yinwen.rules.bylines import part_starts, same_part
from yinwen.text.intervals import IntervalSet
from yinwen.text.normalize import Normalized, normalize_document, offsets_array
from yinwen.text.sentences import Piece, clauses, sentences

# Near-duplicates are searched among at most this many pieces (all pairs); beyond, only exact repeats.
MAX_FUZZY_PIECES = 3000
# ... and only among pieces up to this long (normalised characters): comparing two pieces costs about
# the product of their lengths, so one "sentence" of a million characters without a full stop took
# minutes. A longer piece is still found when it recurs exactly.
MAX_FUZZY_CHARS = 1000
# A line this short without sentence-final punctuation is a heading: headings repeat by design
# (each report in a collection under the same title; a heading restated in its first sentence).
HEADING_MAX_CHARS = 60
SENTENCE_FINAL = "。！？；!?;"
LINE_BREAK = re.compile("[\r\n]")


@dataclass(frozen=True)
class Repeat:
    """The later stretch [start, end) repeats the first [first_start, first_end)."""

    start: int
    end: int
    first_start: int
    first_end: int
    similarity: float
    chars: int


class RepeatedSentence(Rule):
    """A sentence or long clause occurs twice in the same document, identically or nearly so.

    Why: drafts are assembled from pieces, and a sentence pasted twice survives many readings.
    The later occurrence is reported, pointing at the first. In a compilation of several people's
    texts, each under its author's name, sentences are compared within one person's text only. Quotations repeated on purpose, titles
    in 《》, headings and stock phrases the corpus uses everywhere (习近平新时代中国特色社会主义思想) are not.
    Bad:  要把学习成效转化为推动工作的实际行动。会后各支部要抓好传达。要把学习成效转化为推动工作的实际行动。
    Good: 要把学习成效转化为推动工作的实际行动。会后各支部要抓好传达。
    """

    doc_zh = """同一文档中，一个句子或较长的分句出现了两次（完全相同或几乎相同）。

    原因：稿件常由多处拼合而成，粘贴了两次的句子经过多次阅读也可能留下来。报告后一次出现的位置，并指向第一次。
    有意重复的引文、《》中的标题、小标题以及语料中随处可见的固定说法（习近平新时代中国特色社会主义思想）不报告。
    """

    code = "YW202"
    name = "repeated-sentence"
    severity = Severity.WARNING
    summary = "句子重复"
    summary_en = "repeated sentence"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        text = ctx.document.text
        limits = ctx.thresholds
        normalized = normalize_document(text)  # once: pieces, exclusions and the embedded search all slice it
        excluded = _excluded(ctx, normalized)
        taken = IntervalSet()
        found: list[Repeat] = []
        parts = part_starts(text)
        all_clauses = clauses(text, normalized)
        for pieces, minimum in ((sentences(text, normalized), limits.repeat_min_chars),
                                (all_clauses, limits.repeat_clause_min_chars)):
            pieces = [p for p in pieces if not taken.overlaps(p.start, p.end)]
            for later, first, similarity in _repeats(pieces, limits.repeat_min_chars, limits.repeat_min_similarity):
                a, b = pieces[later], pieces[first]
                if taken.overlaps(a.start, a.end) or taken.overlaps(b.start, b.end) or excluded(a) or excluded(b) \
                        or not same_part(parts, a.start, b.start):  # two people's texts in one compilation
                    continue
                if not _same_beyond_formulas(a.norm, b.norm, limits.repeat_min_similarity, minimum):
                    continue  # 坚持以…为指导，全面贯彻…精神: the genre's opening formula, restated by design
                repeat = _grow(pieces, later, first, similarity, limits.repeat_min_similarity)
                # A lone short clause is a formula of the genre; one changed character in a short
                # stretch makes a different statement (省委召开… / 市委召开…).
                if repeat.chars < (minimum if repeat.similarity >= 1.0 else max(minimum, limits.repeat_near_min_chars)):
                    continue
                taken.add(repeat.first_start, repeat.first_end)
                taken.add(repeat.start, repeat.end)
                found.append(repeat)
        found += [repeat for repeat in _embedded(normalized, all_clauses, limits.repeat_clause_min_chars, taken, excluded)
                  if same_part(parts, repeat.start, repeat.first_start)]
        for repeat in sorted(found, key=lambda r: r.start):
            yield self._diagnostic(ctx, repeat)

    def _diagnostic(self, ctx: Context, repeat: Repeat) -> Diagnostic:
        text = ctx.document.text
        where = ctx.document.span(repeat.first_start, repeat.first_end)
        exact = repeat.similarity >= 1.0
        return self.diagnostic(
                        message=f"与第 {where.line} 行{'相同' if exact else '几乎相同'}的文字重复出现",
            message_en=f"repeats {'the same' if exact else 'nearly the same'} words as line {where.line}",
            span=ctx.document.span(repeat.start, repeat.end),
            quote=text[repeat.start: repeat.end],
            related=((text[repeat.first_start: repeat.first_end], where, None),),
            details={"first_line": str(where.line), "first_column": str(where.column),
                     "similarity": f"{repeat.similarity:.3f}"},
        )


# The guiding-thought formula that opens every plan and summary of the genre (坚持以…为指导, 全面贯彻…精神,
# 深入贯彻落实…精神): a writer restates it in the review and in the plan on purpose. Read on normalised text.
GUIDING_FORMULA = re.compile(r"坚持以.{2,40}?为指导|(?:全面|深入|认真|持续|坚决)?(?:学习)?贯彻(?:落实)?.{2,40}?精神")


def _same_beyond_formulas(first: str, second: str, min_similarity: float, minimum: int) -> bool:
    """Whether two pieces still repeat each other once the guiding-thought formulas are taken out."""
    rest_first, rest_second = GUIDING_FORMULA.sub("", first), GUIDING_FORMULA.sub("", second)
    if len(rest_first) == len(first) and len(rest_second) == len(second):
        return True
    if min(len(rest_first), len(rest_second)) < minimum:
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(rest_first, rest_second) >= min_similarity


def _repeats(pieces: list[Piece], minimum: int, min_similarity: float) -> Iterator[tuple[int, int, float]]:
    """(later, first, similarity) as indexes into ``pieces``, for each long piece repeating an earlier one."""
    long = [i for i, p in enumerate(pieces) if len(p.norm) >= minimum]
    fuzzy = [i for i in long if len(pieces[i].norm) <= MAX_FUZZY_CHARS]
    row_of = {index: row for row, index in enumerate(fuzzy)}
    first_of: dict[str, int] = {}
    matrix = None
    if len(fuzzy) <= MAX_FUZZY_PIECES and min_similarity < 1.0 and len(fuzzy) > 1:
        from rapidfuzz.distance import Levenshtein
        from rapidfuzz.process import cdist

        norms = [pieces[i].norm for i in fuzzy]
        matrix = cdist(norms, norms, scorer=Levenshtein.normalized_similarity, score_cutoff=min_similarity)
    for index in long:
        norm = pieces[index].norm
        if norm in first_of:
            yield index, first_of[norm], 1.0
            continue
        first_of[norm] = index
        row_index = row_of.get(index, 0)
        if matrix is None or row_index == 0:
            continue
        row = matrix[row_index, :row_index]
        best = int(row.argmax())
        if row[best] >= min_similarity:
            yield index, fuzzy[best], float(row[best])


def _grow(pieces: list[Piece], later: int, first: int, similarity: float, min_similarity: float) -> Repeat:
    """Extend a repeat over the neighbouring pieces that repeat too (a pasted passage, not one clause)."""
    from rapidfuzz.distance import Levenshtein

    weighted = similarity * len(pieces[later].norm)
    chars = len(pieces[later].norm)
    lo_l, lo_f, hi_l, hi_f = later, first, later, first
    while lo_f > 0 and lo_l - 1 > hi_f:
        score = Levenshtein.normalized_similarity(pieces[lo_l - 1].norm, pieces[lo_f - 1].norm)
        if score < min_similarity:
            break
        lo_l, lo_f = lo_l - 1, lo_f - 1
        weighted, chars = weighted + score * len(pieces[lo_l].norm), chars + len(pieces[lo_l].norm)
    while hi_l + 1 < len(pieces) and hi_f + 1 < lo_l:
        score = Levenshtein.normalized_similarity(pieces[hi_l + 1].norm, pieces[hi_f + 1].norm)
        if score < min_similarity:
            break
        hi_l, hi_f = hi_l + 1, hi_f + 1
        weighted, chars = weighted + score * len(pieces[hi_l].norm), chars + len(pieces[hi_l].norm)
    return Repeat(pieces[lo_l].start, pieces[hi_l].end, pieces[lo_f].start, pieces[hi_f].end,
                  1.0 if weighted >= chars else weighted / chars, chars)


def _embedded(normalized: Normalized, pieces: list[Piece], minimum: int, taken: IntervalSet,
              excluded: Callable[[Piece], bool]) -> list[Repeat]:
    """A long clause that recurs inside a longer one (…。各支部要把学习成效转化为…), either way round."""
    from bisect import bisect_left

    long = [piece for piece in pieces if len(piece.norm) >= minimum]
    if len(long) > MAX_FUZZY_PIECES:
        return []  # each search scans the whole text: only for documents of ordinary length
    whole = normalized.text
    found: list[Repeat] = []
    for piece in long:
        if len(piece.norm) < minimum or taken.overlaps(piece.start, piece.end):
            continue
        own = bisect_left(normalized.offsets, piece.start)
        position = whole.find(piece.norm)
        while position >= 0 and position == own:
            position = whole.find(piece.norm, position + 1)
        if position < 0:
            continue
        start, end = normalized.original_span(position, position + len(piece.norm))
        if taken.overlaps(start, end) or start < piece.end and piece.start < end:
            continue
        other = Piece(start, end, piece.norm)  # the same normalised words, found elsewhere
        if excluded(piece) or excluded(other):
            continue
        (first, later) = (other, piece) if start < piece.start else (piece, other)
        taken.add(first.start, first.end)
        taken.add(later.start, later.end)
        found.append(Repeat(later.start, later.end, first.start, first.end, 1.0, len(piece.norm)))
    return found


def _excluded(ctx: Context, normalized: Normalized) -> Callable[[Piece], bool]:
    """A predicate: the piece is a heading, mostly quoted or a title, or nothing but stock phrases.

    Verdicts are memoised per span, and the corpus lookup per normalised wording: in a long draft
    the same sentence comes up again and again.
    """
    import numpy as np

    from yinwen.match.reuse import cited_mask

    text = ctx.document.text
    cited = cited_mask(ctx.document, ctx.extraction, normalized)
    offsets = offsets_array(normalized)
    breaks = _line_breaks(text)
    verdicts: dict[tuple[int, int], bool] = {}
    stock_only: dict[str, bool] = {}

    def judge(piece: Piece) -> bool:
        if _in_heading(text, breaks, piece):
            return True
        lo, hi = np.searchsorted(offsets, piece.start), np.searchsorted(offsets, piece.end)
        if hi > lo and cited[lo:hi].mean() > 0.5:
            return True
        if ctx.corpus is None:
            return False
        if piece.norm not in stock_only:
            from yinwen.corpus.verbatim import stock_mask

            mask = stock_mask(ctx.corpus, piece.norm, min_occurrences=ctx.thresholds.stock_min_occurrences)
            stock_only[piece.norm] = int(np.count_nonzero(~mask)) < ctx.thresholds.repeat_min_chars
        return stock_only[piece.norm]

    def excluded(piece: Piece) -> bool:
        key = (piece.start, piece.end)
        if key not in verdicts:
            verdicts[key] = judge(piece)
        return verdicts[key]

    return excluded


def _line_breaks(text: str) -> list[int]:
    """Positions of every \\n and \\r, ascending: a heading's line is found by bisection, since
    searching the text for the nearest break costs a scan to its end when it holds no \\r."""
    return [match.start() for match in LINE_BREAK.finditer(text)]


def _in_heading(text: str, breaks: list[int], piece: Piece) -> bool:
    from bisect import bisect_left

    before = bisect_left(breaks, piece.start)  # breaks[before - 1] is the last one before the piece
    after = bisect_left(breaks, piece.end)  # breaks[after] is the first one at or after its end
    line_start = breaks[before - 1] + 1 if before else 0
    line = text[line_start: breaks[after] if after < len(breaks) else len(text)].strip()
    return len(line) <= HEADING_MAX_CHARS and not any(ch in SENTENCE_FINAL for ch in line)
