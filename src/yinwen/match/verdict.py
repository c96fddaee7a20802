"""Decide each quotation's verdict against the corpus: verified, misquote, spliced, unverified …

The verdict rests on the aligned candidate passages from ``corpus.search``: how much of the quote
was found there, in order, and how the rest differs. A quote found in a passage by the speaker or
work the draft names is preferred over an equally good passage elsewhere.
"""

from __future__ import annotations

from dataclasses import replace

from yinwen.corpus.store import Corpus
from yinwen.match.acceptance import acceptable_misquote, acceptable_partial, ambiguous_short
from yinwen.match.attributed import check_attribution, edition_in_named_source
from yinwen.match.editions import edition_reading
from yinwen.match.locate import find_part
from yinwen.match.records import MISQUOTE, SPLICED, TERM, UNVERIFIED, VERIFIED, Match, PartMatch
from yinwen.match.splice import one_source_in_order, try_splice
from yinwen.match.thresholds import Thresholds
from yinwen.match.tidy import (
    single_character_moved,
    with_edges_extended,
    with_omissions_at_clause_boundaries,
    without_interstitial_omissions,
)
from yinwen.text.normalize import normalize
from yinwen.text.quotes import Quote
from yinwen.text.roles import QUOTATION


def match_quote(quote: Quote, corpus: Corpus, thresholds: Thresholds) -> Match:
    """The verdict for one quotation."""
    whole = normalize(quote.text)
    length = len(whole.text)
    attribution = quote.attribution
    if not attribution.attributed and length <= thresholds.term_max_chars:
        return Match(quote, TERM, "term", 0.0)
    if length == 0:
        return Match(quote, TERM, "term", 0.0)
    if quote.role != QUOTATION:
        return _judge_non_quotation(quote, corpus, thresholds)
    if quote.has_ellipsis:
        match = _match_with_ellipsis(quote, corpus, thresholds)
    else:
        part = find_part(quote.start, quote.end, quote.text, corpus, attribution, thresholds)
        match = _judge_single(quote, part, corpus, thresholds)
    return check_attribution(match, corpus)


def _judge_non_quotation(quote: Quote, corpus: Corpus, thresholds: Thresholds) -> Match:
    """A title, term, private speech or emphasis is never compared with a source for errors; it is
    verified when its words stand verbatim in the corpus (the citation is still useful), a term otherwise.
    A term read from weak evidence whose wording points to one passage is an unmarked quotation of it."""
    part = find_part(quote.start, quote.end, quote.text, corpus, quote.attribution, thresholds)
    if part.alignment is not None and part.alignment.cost == 0:
        return Match(quote, VERIFIED, _exact_or_fragment(part, corpus), 1.0, (part,))
    if not quote.role_firm and part.alignment is not None and len(part.normalized.text) >= 6:
        quoted = replace(quote, role=QUOTATION)
        if acceptable_misquote(part, corpus, quoted.attribution, thresholds) and not ambiguous_short(part, thresholds):
            return _judge_single(quoted, part, corpus, thresholds)
    return Match(quote, TERM, quote.role, 0.0)


def _judge_single(quote: Quote, part: PartMatch, corpus: Corpus, thresholds: Thresholds) -> Match:
    alignment = part.alignment
    length = len(part.normalized.text)
    if alignment is None:
        return Match(quote, UNVERIFIED, "no-candidate", 0.0, (part,))
    similarity = round(alignment.similarity, 4)
    if alignment.cost == 0:
        return Match(quote, VERIFIED, _exact_or_fragment(part, corpus), 1.0, (part,))
    if single_character_moved(alignment, part.normalized.text):
        return Match(quote, VERIFIED, "reordered", similarity, (part,))
    part = with_edges_extended(part, corpus)
    part = without_interstitial_omissions(part, corpus)
    part = with_omissions_at_clause_boundaries(part, corpus)
    alignment = part.alignment
    assert alignment is not None
    if not alignment.runs:
        return Match(quote, VERIFIED, "fragment", similarity, (part,))
    edition = edition_reading(part, corpus)
    if edition is not None:
        variant, mine, theirs = edition
        notes = {"edition_quote": mine, "edition_source": theirs, "edition_work": variant.work,
                 "edition_reference": variant.reference}
        return Match(quote, VERIFIED, "edition", similarity, (part,), notes=notes)
    if quote.attribution.attributed:
        # The named work's other edition may hold the quote's reading where this passage (the closest
        # wording, another edition) does not: 芳草萋萋鹦鹉洲 is 唐诗三百首's 春草… with 千家诗's 洲.
        moved = edition_in_named_source(Match(quote, VERIFIED, "edition", similarity, (part,)), corpus,
                                        quote.attribution)
        if moved is not None:
            return moved
    # A long stretch that is not in this passage may be a passage of its own: look before calling
    # it an insertion.
    splice = try_splice(quote, part, corpus, thresholds)
    if splice is not None:
        return splice
    if acceptable_misquote(part, corpus, quote.attribution, thresholds) and not ambiguous_short(part, thresholds):
        return Match(quote, MISQUOTE, "edits", similarity, (part,))
    if acceptable_partial(alignment, length, quote.attribution, thresholds):
        return Match(quote, MISQUOTE, "partial", similarity, (part,))
    return Match(quote, UNVERIFIED, "no-candidate", similarity, (part,))


def _exact_or_fragment(part: PartMatch, corpus: Corpus) -> str:
    candidate = part.candidate
    assert candidate is not None
    start_orig = corpus.orig_offset(candidate.start)
    end_orig = corpus.orig_offset(candidate.end - 1) + 1
    para_start, para_end = corpus.paragraph_bounds(start_orig)
    before = corpus.orig_text(max(para_start, start_orig - 1), start_orig)
    after = corpus.orig_text(end_orig, min(para_end, end_orig + 1))
    at_start = start_orig == para_start or before in "。！？；：”\n"
    at_end = end_orig >= para_end or after in "。！？；…\n”"
    return "exact" if at_start and at_end else "fragment"


def _match_with_ellipsis(quote: Quote, corpus: Corpus, thresholds: Thresholds) -> Match:
    """Each part between ellipses must be found, in order, in one source."""
    parts: list[PartMatch] = []
    prefer: tuple[int, int] | None = None
    for start, end in quote.parts:
        part = find_part(start, end, quote.text[start - quote.start:end - quote.start], corpus,
                          quote.attribution, thresholds, prefer)
        parts.append(part)
        if part.candidate is not None:
            prefer = (part.candidate.source, part.candidate.end)
    found = [p for p in parts if p.alignment is not None]
    if not found:
        return Match(quote, UNVERIFIED, "no-candidate", 0.0, tuple(parts))
    similarity = round(sum(p.alignment.similarity for p in found) / len(parts), 4)  # type: ignore[union-attr]
    same_source = len({p.candidate.source for p in found}) == 1 and len(found) == len(parts)  # type: ignore[union-attr]
    in_order = all(a.candidate.start <= b.candidate.start for a, b in zip(found, found[1:]))  # type: ignore[union-attr]
    exact = all(p.alignment.cost == 0 for p in found)  # type: ignore[union-attr]
    if exact and len(found) == len(parts) and not (same_source and in_order):
        anchored = one_source_in_order(parts, corpus)  # each part's earliest source may differ
        if anchored is not None:
            parts, same_source, in_order = anchored, True, True
    if same_source and in_order and exact:
        return Match(quote, VERIFIED, "fragment", 1.0, tuple(parts))
    acceptable = all(
        p.alignment.cost == 0
        or acceptable_misquote(p, corpus, quote.attribution, thresholds)
        for p in found
    )
    if same_source and in_order and acceptable:
        return Match(quote, MISQUOTE, "edits", similarity, tuple(parts))
    if len(found) == len(parts) and acceptable and not same_source:
        return Match(quote, SPLICED, "splice", similarity, tuple(parts))
    return Match(quote, UNVERIFIED, "no-candidate", similarity, tuple(parts))
