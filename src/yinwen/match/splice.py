"""A quote whose parts stand in two places (two sources, or far apart in one): a splice, not one passage."""

from __future__ import annotations

from yinwen.corpus.search import exact_occurrences
from yinwen.corpus.store import Corpus
from yinwen.match.align import Run
from yinwen.match.locate import find_part
from yinwen.match.records import SPLICED, Match, PartMatch
from yinwen.match.thresholds import Thresholds
from yinwen.text.quotes import Quote


def try_splice(quote: Quote, part: PartMatch, corpus: Corpus, thresholds: Thresholds) -> Match | None:
    """The quote's unmatched head or tail is itself a passage somewhere else: a splice."""
    alignment = part.alignment
    if alignment is None:
        return None
    length = len(part.normalized.text)
    edge = [
        run for run in alignment.runs
        if run.op in ("insert", "replace") and (run.q_start == 0 or run.q_end == length)
        and (run.q_end - run.q_start) - (run.s_end - run.s_start) >= thresholds.splice_part_min_chars
    ]
    far = max(thresholds.adjacent_max_gap, length)
    omitted_far = [run for run in alignment.runs if run.op in ("omit", "replace") and run.s_end - run.s_start > far]
    if omitted_far and not edge:
        found = _split_at_gap(quote, part, omitted_far[0], corpus, thresholds)
        if found is not None:
            return found
    solid = _split_at_solid_end(quote, part, corpus, thresholds) or _split_at_sentences(quote, part, corpus, thresholds)
    if solid is not None or len(edge) != 1 or edge[0].op != "insert":
        return solid
    run = edge[0]
    rest_length = run.q_end - run.q_start
    if rest_length < thresholds.splice_part_min_chars or alignment.matches < thresholds.splice_part_min_chars:
        return None
    if alignment.matches / (length - rest_length) < thresholds.splice_part_min_coverage:
        return None
    orig_start, orig_end = part.normalized.original_span(run.q_start, run.q_end)
    rest_text = quote.text[orig_start:orig_end] if run.q_start == 0 else quote.text[orig_start:]
    rest_doc_start = quote.start + orig_start
    other = find_part(rest_doc_start, rest_doc_start + len(rest_text), rest_text, corpus, quote.attribution, thresholds)
    other_alignment = other.alignment
    if other_alignment is None or other_alignment.coverage < thresholds.splice_part_min_coverage:
        return None
    if run.q_start == 0:
        kept_end = quote.start + orig_start + len(rest_text)
        main = find_part(kept_end, quote.end, quote.text[kept_end - quote.start:], corpus, quote.attribution, thresholds)
        parts = (other, main)
    else:
        main = find_part(quote.start, quote.start + orig_start, quote.text[:orig_start], corpus, quote.attribution, thresholds)
        parts = (main, other)
    if any(p.alignment is None for p in parts) or _adjacent(parts[0], parts[1], corpus, thresholds) \
            or _together_somewhere(quote, parts[0], parts[1], corpus, thresholds):
        return None
    similarity = round(sum(p.alignment.similarity for p in parts) / 2, 4)  # type: ignore[union-attr]
    return Match(quote, SPLICED, "splice", similarity, parts)


SOLID_BLOCK = 4
# A line of 五言 verse: the shortest part a splice of two poems may have.
VERSE_LINE_MIN_CHARS = 5


def _split_at_solid_end(quote: Quote, part: PartMatch, corpus: Corpus, thresholds: Thresholds) -> Match | None:
    """Cut where the solidly matched stretch (blocks of 4+ characters) ends or begins: the rest,
    matched only by scattered common characters, may be a passage of its own."""
    alignment = part.alignment
    assert alignment is not None
    solid = [block for block in alignment.blocks if block[2] >= SOLID_BLOCK]
    if not solid:
        return None
    length = len(part.normalized.text)
    head_end = solid[-1][0] + solid[-1][2]
    tail_start = solid[0][0]
    if length - head_end >= thresholds.splice_part_min_chars:
        return _split_at_gap(quote, part, None, corpus, thresholds, cut=head_end)
    if tail_start >= thresholds.splice_part_min_chars:
        return _split_at_gap(quote, part, None, corpus, thresholds, cut=tail_start)
    return None


SENTENCE_ENDS = "。！？；!?;"


CLAUSE_ENDS = "，、,：:"
# At most this many clause ends are tried (each costs two searches).
MAX_CLAUSE_CUTS = 12


def _split_at_sentences(quote: Quote, part: PartMatch, corpus: Corpus, thresholds: Thresholds) -> Match | None:
    """Two sentences the quote runs together (深入实施人才强国战略。努力培养造就……) that stand apart in the
    source: cut at each sentence end inside the quote. Found whichever window the voting happened to align.
    When no one passage holds most of the quote, clause ends are tried too (…切中要害，要坚持党对高校的领导…)."""
    marks = SENTENCE_ENDS
    alignment = part.alignment
    if alignment is not None and alignment.coverage < thresholds.misquote_min_coverage:
        marks += CLAUSE_ENDS
    offsets = part.normalized.offsets
    tried = 0
    for index, mark in enumerate(quote.text[:-1]):
        if mark not in marks:
            continue
        cut = sum(1 for offset in offsets if offset < index)
        if min(cut, len(offsets) - cut) < min(thresholds.splice_part_min_chars, VERSE_LINE_MIN_CHARS):
            continue
        tried += 1
        if tried > MAX_CLAUSE_CUTS:
            break
        found = _split_at_gap(quote, part, None, corpus, thresholds, cut=cut)
        if found is not None:
            return found
    return None


def _split_at_gap(quote: Quote, part: PartMatch, run: Run | None, corpus: Corpus, thresholds: Thresholds,
                  cut: int | None = None) -> Match | None:
    """A quote whose two halves stand far apart (in one source, or one of them elsewhere)."""
    if cut is None:
        assert run is not None
        cut = run.q_start
    shortest = min(cut, len(part.normalized.text) - cut)
    if shortest < min(thresholds.splice_part_min_chars, VERSE_LINE_MIN_CHARS):
        return None
    orig_cut = part.normalized.offsets[cut]
    first = find_part(quote.start, quote.start + orig_cut, quote.text[:orig_cut], corpus, quote.attribution, thresholds)
    second = find_part(quote.start + orig_cut, quote.end, quote.text[orig_cut:], corpus, quote.attribution, thresholds)
    if first.alignment is None or second.alignment is None:
        return None
    if shortest < thresholds.splice_part_min_chars and not _two_verse_lines(first, second, corpus):
        return None
    if min(first.alignment.coverage, second.alignment.coverage) < thresholds.splice_part_min_coverage:
        return None
    if _adjacent(first, second, corpus, thresholds) or _together_somewhere(quote, first, second, corpus, thresholds):
        return None
    similarity = round((first.alignment.similarity + second.alignment.similarity) / 2, 4)
    return Match(quote, SPLICED, "splice", similarity, (first, second))


def _two_verse_lines(first: PartMatch, second: PartMatch, corpus: Corpus) -> bool:
    """Parts shorter than a splice part may be lines of verse (七言, 五言): each found word for word in a
    classical text, in two different works (春蚕到死丝方尽 + 化作春泥更护花)."""
    a, b = first.candidate, second.candidate
    if a is None or b is None or a.source == b.source:
        return False
    return a.alignment.cost == 0 and b.alignment.cost == 0 and corpus.sources[a.source].is_classical \
        and corpus.sources[b.source].is_classical


# How far apart, within one source, the two parts of a quotation that marks its omission (……) may stand.
ELLIPSIS_REACH = 400


def _together_somewhere(quote: Quote, first: PartMatch, second: PartMatch, corpus: Corpus,
                        thresholds: Thresholds) -> bool:
    """Both parts stand, word for word and in order, close together in one source — not necessarily the
    one each was cited to (the earliest): “全面从严治党永远在路上……决不能有松劲歇脚” is one sentence
    of the 二十大报告, not a splice of the 十九大报告 and a later report. Far apart only where the quote
    marks its omission (……)."""
    if first.alignment is None or second.alignment is None or first.alignment.cost or second.alignment.cost:
        return False
    between = quote.text[max(0, first.q_end - quote.start): max(0, second.q_start - quote.start)]
    reach = ELLIPSIS_REACH if "…" in between else thresholds.adjacent_max_gap
    return _in_one_source([first.normalized.text, second.normalized.text], corpus, reach) is not None


def one_source_in_order(parts: list[PartMatch], corpus: Corpus) -> list[PartMatch] | None:
    """The parts of a quotation with ellipses, each found word for word, moved to one source that holds
    them all in order — when each was first cited to a different one (its earliest). None when no source
    holds them all."""
    texts = [part.normalized.text for part in parts]
    found = _in_one_source(texts, corpus)
    if found is None:
        return None
    source, chain = found
    return [part.moved(source, position, position + len(text), part.alignment)  # type: ignore[arg-type]
            for part, position, text in zip(parts, chain, texts)]


def _in_one_source(texts: list[str], corpus: Corpus, reach: int | None = None) -> tuple[int, list[int]] | None:
    """(source, where each text starts) of a source holding the texts word for word and in order, each
    at most ``reach`` characters after the one before (any distance when None)."""
    places: list[dict[int, list[int]]] = []
    for text in texts:
        by_source: dict[int, list[int]] = {}
        for position in sorted(exact_occurrences(corpus, text, limit=200)):
            by_source.setdefault(corpus.source_of_norm(position), []).append(position)
        places.append(by_source)
    for source, firsts in places[0].items():
        for start in firsts:
            chain, cursor = [start], start + len(texts[0])
            for index in range(1, len(texts)):
                later = next((p for p in places[index].get(source, ()) if p >= cursor), None)
                if later is None or reach is not None and later - cursor > reach:
                    break
                chain.append(later)
                cursor = later + len(texts[index])
            if len(chain) == len(texts):
                return source, chain
    return None


def _adjacent(first: PartMatch, second: PartMatch, corpus: Corpus, thresholds: Thresholds) -> bool:
    """Two parts that follow each other in one source are one passage, not a splice."""
    a, b = first.candidate, second.candidate
    if a is None or b is None or a.source != b.source:
        return False
    return 0 <= b.start - a.end <= thresholds.adjacent_max_gap
