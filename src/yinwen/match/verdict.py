"""Decide each quotation's verdict against the corpus: verified, misquote, spliced, unverified …

The verdict rests on the aligned candidate passages from ``corpus.search``: how much of the quote
was found there, in order, and how the rest differs. A quote found in a passage by the speaker or
work the draft names is preferred over an equally good passage elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yinwen.corpus.search import exact_occurrences
from yinwen.corpus.store import Corpus
from yinwen.match.align import Alignment, Run
from yinwen.match.candidates import Candidate, rank, search
from yinwen.match.thresholds import Thresholds
from yinwen.resources import load_toml
from yinwen.text.attribution import Attribution, alias_table, resolve_speaker
from yinwen.text.normalize import Normalized, normalize
from yinwen.text.quotes import Quote

VERIFIED, MISQUOTE, SPLICED, MISATTRIBUTED, UNVERIFIED, TERM = (
    "verified", "misquote", "spliced", "misattributed", "unverified", "term",
)


@dataclass(frozen=True)
class PartMatch:
    """One stretch of a quote (an ellipsis part or one side of a splice) and where it was found."""

    q_start: int  # offsets into the document
    q_end: int
    candidate: Candidate | None
    normalized: Normalized
    doc_offset: int  # document offset of normalized.text's original string
    rival_cost: int | None = None  # best cost among candidates with different wording

    @property
    def alignment(self) -> Alignment | None:
        return self.candidate.alignment if self.candidate else None


@dataclass(frozen=True)
class Match:
    """A quotation's verdict with the evidence behind it."""

    quote: Quote
    verdict: str
    reason: str
    similarity: float
    parts: tuple[PartMatch, ...] = ()
    attributed_elsewhere: bool = False
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def primary(self) -> PartMatch | None:
        found = [part for part in self.parts if part.candidate]
        return max(found, key=lambda part: part.candidate.alignment.matches) if found else None


def match_quote(quote: Quote, corpus: Corpus, thresholds: Thresholds) -> Match:
    """The verdict for one quotation."""
    whole = normalize(quote.text)
    length = len(whole.text)
    attribution = quote.attribution
    if not attribution.attributed and length <= thresholds.term_max_chars:
        return Match(quote, TERM, "term", 0.0)
    if length == 0:
        return Match(quote, TERM, "term", 0.0)
    if quote.has_ellipsis:
        match = _match_with_ellipsis(quote, corpus, thresholds)
    else:
        part = _find_part(quote.start, quote.end, quote.text, corpus, attribution, thresholds)
        match = _judge_single(quote, part, corpus, thresholds)
    return _check_attribution(match, corpus)


def _check_attribution(match: Match, corpus: Corpus) -> Match:
    """A found quote whose named speaker or work is not where it was found: look again, then say so."""
    attribution = match.quote.attribution
    if match.verdict not in (VERIFIED, MISQUOTE) or not attribution.attributed:
        return match
    primary = match.primary
    if primary is None or len(match.parts) != 1:
        return match
    candidate = primary.candidate
    assert candidate is not None
    if source_matches_attribution(corpus, candidate.source, attribution):
        return match
    if _source_quotes_named(corpus, candidate, attribution):
        return match
    if candidate.alignment.cost == 0:
        for position in exact_occurrences(corpus, primary.normalized.text):
            index = corpus.source_of_norm(position)
            if source_matches_attribution(corpus, index, attribution):
                moved = Candidate(index, position, position + len(primary.normalized.text),
                                  candidate.alignment, 0)
                part = PartMatch(primary.q_start, primary.q_end, moved, primary.normalized, primary.doc_offset)
                return Match(match.quote, match.verdict, match.reason, match.similarity, (part,))
    if not attribution.speaker and not attribution.work_id:
        if attribution.title and not corpus.names_work(attribution.title):
            return match  # a work the corpus does not hold: we cannot say it is not there
        if attribution.classical and _source_quotes_here(corpus, candidate):
            return match  # a modern text quoting the old words: the draft's 古人云 is right
    return Match(match.quote, MISATTRIBUTED, "attribution", match.similarity, match.parts, attributed_elsewhere=True)


def _source_quotes_here(corpus: Corpus, candidate: Candidate) -> bool:
    """The source puts the passage in quotation marks itself (it is quoting someone else)."""
    start = corpus.orig_offset(candidate.start)
    before = corpus.orig_text(max(0, start - 12), start)
    cut = max(before.rfind(mark) for mark in "。！？\n")
    return any(mark in before[cut + 1:] for mark in "“「『‘")


def _source_quotes_named(corpus: Corpus, candidate: Candidate, attribution: Attribution) -> bool:
    """The source itself quotes the named speaker here (习近平: “马克思说：……”), so the draft is right."""
    if not attribution.speaker:
        return False
    start = corpus.orig_offset(candidate.start)
    context = corpus.orig_text(max(0, start - 40), start)
    names = [alias for alias, canonical in alias_table().speakers if canonical == attribution.speaker]
    return any(name in context for name in names)


def _find_part(start: int, end: int, text: str, corpus: Corpus, attribution: Attribution, thresholds: Thresholds,
               prefer: tuple[int, int] | None = None) -> PartMatch:
    normalized = normalize(text)
    candidates = search(corpus, normalized.text)
    best = _choose(candidates, corpus, attribution, prefer)
    rival = None
    if best is not None:
        wording = best.alignment.source_text
        rivals = [c for c in candidates if c.alignment.source_text != wording]
        rival = min(c.cost for c in rivals) if rivals else None
    return PartMatch(start, end, best, normalized, start, rival)


def _choose(candidates: list[Candidate], corpus: Corpus, attribution: Attribution,
            prefer: tuple[int, int] | None) -> Candidate | None:
    """Best candidate; among equally good ones, the source the draft names (or ``prefer``)."""
    if not candidates:
        return None
    top = candidates[0]
    equal = [c for c in candidates if rank(c) == rank(top)]
    if not equal:
        equal = [top]
    if prefer is not None:
        source, after = prefer
        ordered = [c for c in candidates if c.source == source and c.start >= after]
        if ordered and ordered[0].alignment.coverage >= top.alignment.coverage - 0.05:
            return ordered[0]
    named = [c for c in equal if source_matches_attribution(corpus, c.source, attribution)]
    if attribution.speaker:
        # The speaker's own words before a document adopted under him (a [compatible] body).
        own = [c for c in named if resolve_speaker(corpus.sources[c.source].speaker or "") == attribution.speaker]
        named = own or named
    return named[0] if named else top


def source_matches_attribution(corpus: Corpus, index: int, attribution: Attribution) -> bool:
    """Whether source ``index`` is by the speaker, or is the work, that the draft names."""
    source = corpus.sources[index]
    if attribution.work_id:
        return source.id == attribution.work_id or _title_named(source, attribution.title)
    if attribution.title and _title_named(source, attribution.title):
        return True
    if attribution.speaker:
        if not source.speaker:
            return False
        actual = resolve_speaker(source.speaker)
        compatible = load_toml("aliases.toml").get("compatible", {}).get(attribution.speaker, [])
        return actual == attribution.speaker or actual in compatible
    if attribution.classical:
        return source.is_classical
    return False


def _title_named(source, title: str | None) -> bool:
    if not title:
        return False
    names = [source.title, source.book or "", *source.aliases]
    return any(name and (title in name or name in title) for name in names)


def _judge_single(quote: Quote, part: PartMatch, corpus: Corpus, thresholds: Thresholds) -> Match:
    alignment = part.alignment
    length = len(part.normalized.text)
    if alignment is None:
        return Match(quote, UNVERIFIED, "no-candidate", 0.0, (part,))
    similarity = round(alignment.similarity, 4)
    if alignment.cost == 0:
        return Match(quote, VERIFIED, _exact_or_fragment(part, corpus), 1.0, (part,))
    if _single_character_moved(alignment, part.normalized.text):
        return Match(quote, VERIFIED, "reordered", similarity, (part,))
    part = _with_edges_extended(part, corpus)
    part = _without_interstitial_omissions(part, corpus)
    part = _with_omissions_at_clause_boundaries(part, corpus)
    alignment = part.alignment
    assert alignment is not None
    if not alignment.runs:
        return Match(quote, VERIFIED, "fragment", similarity, (part,))
    # A long stretch that is not in this passage may be a passage of its own: look before calling
    # it an insertion.
    splice = _try_splice(quote, part, corpus, thresholds)
    if splice is not None:
        return splice
    if _acceptable_misquote(alignment, length, quote.attribution, thresholds) and not _ambiguous_short(part, thresholds):
        return Match(quote, MISQUOTE, "edits", similarity, (part,))
    if _acceptable_partial(alignment, length, quote.attribution, thresholds):
        return Match(quote, MISQUOTE, "partial", similarity, (part,))
    return Match(quote, UNVERIFIED, "no-candidate", similarity, (part,))


NEGATIONS = set("不没无非未勿莫别否")
# Quote characters beyond a passage's end are compared with the source's next characters (in the
# same clause) when there are at most this many: 尊【颜】 against 尊【严】 is a substitution.
EDGE_SUBSTITUTION_MAX = 4
# How far before or after a passage the quote's head or tail is looked for (normalised characters).
OMISSION_REACH = 60


def _with_edges_extended(part: PartMatch, corpus: Corpus) -> PartMatch:
    """Turn short extra text at the quote's ends into substitutions of the adjacent source text."""
    candidate = part.candidate
    if candidate is None:
        return part
    alignment = candidate.alignment
    length = alignment.quote_length
    low = int(corpus.arrays.src_norm[candidate.source])
    high = int(corpus.arrays.src_norm[candidate.source + 1])
    start, end = candidate.start, candidate.end
    runs = list(alignment.runs)
    s_start, s_end, text = alignment.s_start, alignment.s_end, alignment.source_text
    quote = part.normalized.text
    for index, run in enumerate(runs):
        size = run.q_end - run.q_start
        if run.op != "insert":
            continue
        if index == 0 and run.q_start == 0 and size >= 2:
            # The quote's head stands a little earlier in the passage: what lies between was left out.
            before = corpus.norm_text(max(low, start - OMISSION_REACH), start)
            found = before.rfind(quote[:size])
            if found >= 0:
                gap = len(before) - found - size
                runs[index] = Run("omit", size, size, s_start - gap, s_start)
                text = before[found:] + text
                start, s_start = start - gap - size, s_start - gap - size
                continue
        if index == len(runs) - 1 and run.q_end == length and size >= 2:
            after = corpus.norm_text(end, min(high, end + OMISSION_REACH))
            found = after.find(quote[run.q_start:])
            if found >= 0:
                runs[index] = Run("omit", run.q_start, run.q_start, s_end, s_end + found)
                text = text + after[: found + size]
                end, s_end = end + found + size, s_end + found + size
                continue
        if size > EDGE_SUBSTITUTION_MAX:
            continue
        if run.q_start == 0 and index == 0 and start - size >= low and _same_clause(corpus, start - size, start - 1):
            runs[index] = Run("replace", 0, size, s_start - size, s_start)
            text = corpus.norm_text(start - size, start) + text
            start, s_start = start - size, s_start - size
        elif run.q_end == length and index == len(runs) - 1 and end + size <= high and _same_clause(corpus, end, end + size - 1):
            runs[index] = Run("replace", run.q_start, length, s_end, s_end + size)
            text = text + corpus.norm_text(end, end + size)
            end, s_end = end + size, s_end + size
    if start == candidate.start and end == candidate.end:
        return part
    matches = length - sum(r.q_end - r.q_start for r in runs if r.op != "omit")
    extended = Alignment(s_start, s_end, matches, length, tuple(runs), alignment.blocks, text)
    return PartMatch(part.q_start, part.q_end, Candidate(candidate.source, start, end, extended, candidate.votes),
                     part.normalized, part.doc_offset)


def _without_interstitial_omissions(part: PartMatch, corpus: Corpus) -> PartMatch:
    """Drop omissions of the source's own words between two pieces it quotes (“千教万教，教人求真”，
    学生是“千学万学，学做真人”): the draft quoting the quoted words together leaves out nothing of them."""
    candidate = part.candidate
    if candidate is None:
        return part
    alignment = candidate.alignment
    base = candidate.start - alignment.s_start
    kept = []
    for run in alignment.runs:
        if run.op == "omit" and run.s_start > 0:
            left = corpus.orig_offset(base + run.s_start - 1) + 1
            right = corpus.orig_offset(base + run.s_end)
            between = corpus.orig_text(left, right)
            close = max(between.find(mark) for mark in "”」』")
            if close >= 0 and any(mark in between[close:] for mark in "“「『"):
                continue
        kept.append(run)
    if len(kept) == len(alignment.runs):
        return part
    trimmed = Alignment(alignment.s_start, alignment.s_end, alignment.matches, alignment.quote_length, tuple(kept),
                        alignment.blocks, alignment.source_text)
    return PartMatch(part.q_start, part.q_end, Candidate(candidate.source, candidate.start, candidate.end, trimmed,
                                                         candidate.votes), part.normalized, part.doc_offset)


def _with_omissions_at_clause_boundaries(part: PartMatch, corpus: Corpus) -> PartMatch:
    """An omission inside repeated text can be placed several ways (来自人民、【为了人民、】造福人民 or
    来自【人民、为了】人民、造福人民); choose the placement that starts or ends at punctuation."""
    candidate = part.candidate
    if candidate is None:
        return part
    alignment = candidate.alignment
    base = candidate.start - alignment.s_start
    text = alignment.source_text
    length = alignment.quote_length
    runs = list(alignment.runs)
    changed = False
    for index, run in enumerate(runs):
        if run.op != "omit":
            continue
        lo, hi = run.s_start - alignment.s_start, run.s_end - alignment.s_start
        options = [0]
        shift = 1
        while lo - shift >= 0 and run.q_start - shift >= 0 and text[lo - shift] == text[hi - shift]:
            options.append(-shift)
            shift += 1
        shift = 0
        while hi + shift < len(text) and run.q_start + shift + 1 <= length and text[lo + shift] == text[hi + shift]:
            options.append(shift + 1)
            shift += 1
        best = max(options, key=lambda d: (_boundary_score(corpus, base + run.s_start + d, base + run.s_end + d), -abs(d)))
        if best:
            runs[index] = Run("omit", run.q_start + best, run.q_end + best, run.s_start + best, run.s_end + best)
            changed = True
    if not changed:
        return part
    moved = Alignment(alignment.s_start, alignment.s_end, alignment.matches, length, tuple(runs), alignment.blocks, text)
    return PartMatch(part.q_start, part.q_end, Candidate(candidate.source, candidate.start, candidate.end, moved,
                                                         candidate.votes), part.normalized, part.doc_offset)


def _boundary_score(corpus: Corpus, start: int, end: int) -> int:
    """2 when an omitted span [start, end) of normalised text ends at punctuation, +1 if it starts after it."""
    score = 0
    if start > 0 and corpus.orig_offset(start) - corpus.orig_offset(start - 1) > 1:
        score += 1
    if end < len(corpus.arrays.norm) and corpus.orig_offset(end) - corpus.orig_offset(end - 1) > 1:
        score += 2
    return score


def _same_clause(corpus: Corpus, first: int, last: int) -> bool:
    """No punctuation between normalised positions ``first`` and ``last`` in the original."""
    return corpus.orig_offset(last) - corpus.orig_offset(first) == last - first


def _single_character_moved(alignment: Alignment, quote: str) -> bool:
    """The same words with one non-negating character moved to the quote's edge from a joint of the
    passage (源：“四是践行宗旨为民造福。要教育引导…” → 引：“要践行宗旨为民造福，教育引导…”)."""
    runs = alignment.runs
    if len(runs) != 2:
        return False
    inserted = [r for r in runs if r.op == "insert" and r.q_end - r.q_start == 1 and (r.q_start == 0 or r.q_end == len(quote))]
    omitted = [r for r in runs if r.op == "omit" and r.s_end - r.s_start == 1]
    if len(inserted) != 1 or len(omitted) != 1:
        return False
    char = quote[inserted[0].q_start]
    return char not in NEGATIONS and alignment.quote_length >= 12 and _omitted_char(alignment, omitted[0]) == char


def _omitted_char(alignment: Alignment, run: Run) -> str:
    return alignment.source_chars(run.s_start, run.s_end)


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


def _edge_inserts(alignment: Alignment, length: int) -> list[Run]:
    """Quote text before or after the passage: the quote goes on where the known source stops."""
    return [run for run in alignment.runs if run.op == "insert" and (run.q_start == 0 or run.q_end == length)]


def _acceptable_misquote(alignment: Alignment, length: int, attribution: Attribution, thresholds: Thresholds) -> bool:
    """Close enough to one passage that the differences are changes, not a different sentence.

    Unattributed short quotes (slogans, set phrases: “两万五千里长征”) are only ever verified, never
    called misquotes: their variants are usually legitimate. A quote whose only differences are
    text beyond the passage's ends does not contradict it; that is for ``_acceptable_partial``.
    """
    if not attribution.attributed and length < thresholds.short_quote_chars:
        return False
    if len(_edge_inserts(alignment, length)) == len(alignment.runs):
        return False
    edits = len(alignment.runs)
    if length < thresholds.short_quote_chars:
        changed = max(run.q_end - run.q_start for run in alignment.runs)
        omitted = max(run.s_end - run.s_start for run in alignment.runs)
        return edits == 1 and changed <= 1 and omitted <= 1 and length >= 6
    if alignment.coverage < thresholds.misquote_min_coverage:
        return False
    if any(run.s_end - run.s_start > max(thresholds.adjacent_max_gap, length) for run in alignment.runs):
        return False
    longest_block = max(size for _, _, size in alignment.blocks)
    if longest_block < 4:
        return False
    return edits <= max(1, thresholds.max_edits_per_10_chars * length / 10)


def _ambiguous_short(part: PartMatch, thresholds: Thresholds) -> bool:
    """A short quote one character away from two different passages says nothing about either."""
    alignment = part.alignment
    if alignment is None or len(part.normalized.text) >= thresholds.short_quote_chars:
        return False
    return part.rival_cost is not None and part.rival_cost <= alignment.cost


def _acceptable_partial(alignment: Alignment, length: int, attribution: Attribution, thresholds: Thresholds) -> bool:
    """Part of an attributed quote is a near-verbatim passage; the rest is found nowhere."""
    if not attribution.attributed:
        return False
    edge_runs = _edge_inserts(alignment, length)
    inner = [run for run in alignment.runs if run not in edge_runs]
    if not edge_runs or not inner:
        # Only extra text at the ends: the known passage is quoted faithfully and the rest is merely
        # unverified, not contradicted.
        return False
    found = alignment.matches
    if found < thresholds.partial_min_chars or found / length < thresholds.partial_min_coverage:
        return False
    inner_changed = sum(max(r.q_end - r.q_start, r.s_end - r.s_start) for r in inner)
    return inner_changed <= max(2, found // 10)


def _try_splice(quote: Quote, part: PartMatch, corpus: Corpus, thresholds: Thresholds) -> Match | None:
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
        return _split_at_gap(quote, part, omitted_far[0], corpus, thresholds)
    solid = _split_at_solid_end(quote, part, corpus, thresholds)
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
    other = _find_part(rest_doc_start, rest_doc_start + len(rest_text), rest_text, corpus, quote.attribution, thresholds)
    other_alignment = other.alignment
    if other_alignment is None or other_alignment.coverage < thresholds.splice_part_min_coverage:
        return None
    if run.q_start == 0:
        kept_end = quote.start + orig_start + len(rest_text)
        main = _find_part(kept_end, quote.end, quote.text[kept_end - quote.start:], corpus, quote.attribution, thresholds)
        parts = (other, main)
    else:
        main = _find_part(quote.start, quote.start + orig_start, quote.text[:orig_start], corpus, quote.attribution, thresholds)
        parts = (main, other)
    if any(p.alignment is None for p in parts) or _adjacent(parts[0], parts[1], corpus, thresholds):
        return None
    similarity = round(sum(p.alignment.similarity for p in parts) / 2, 4)  # type: ignore[union-attr]
    return Match(quote, SPLICED, "splice", similarity, parts)


SOLID_BLOCK = 4


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


def _split_at_gap(quote: Quote, part: PartMatch, run: Run | None, corpus: Corpus, thresholds: Thresholds,
                  cut: int | None = None) -> Match | None:
    """A quote whose two halves stand far apart (in one source, or one of them elsewhere)."""
    if cut is None:
        assert run is not None
        cut = run.q_start
    if cut < thresholds.splice_part_min_chars or len(part.normalized.text) - cut < thresholds.splice_part_min_chars:
        return None
    orig_cut = part.normalized.offsets[cut]
    first = _find_part(quote.start, quote.start + orig_cut, quote.text[:orig_cut], corpus, quote.attribution, thresholds)
    second = _find_part(quote.start + orig_cut, quote.end, quote.text[orig_cut:], corpus, quote.attribution, thresholds)
    if first.alignment is None or second.alignment is None:
        return None
    if min(first.alignment.coverage, second.alignment.coverage) < thresholds.splice_part_min_coverage:
        return None
    if _adjacent(first, second, corpus, thresholds):
        return None
    similarity = round((first.alignment.similarity + second.alignment.similarity) / 2, 4)
    return Match(quote, SPLICED, "splice", similarity, (first, second))


def _adjacent(first: PartMatch, second: PartMatch, corpus: Corpus, thresholds: Thresholds) -> bool:
    """Two parts that follow each other in one source are one passage, not a splice."""
    a, b = first.candidate, second.candidate
    if a is None or b is None or a.source != b.source:
        return False
    return 0 <= b.start - a.end <= thresholds.adjacent_max_gap


def _match_with_ellipsis(quote: Quote, corpus: Corpus, thresholds: Thresholds) -> Match:
    """Each part between ellipses must be found, in order, in one source."""
    parts: list[PartMatch] = []
    prefer: tuple[int, int] | None = None
    for start, end in quote.parts:
        part = _find_part(start, end, quote.text[start - quote.start:end - quote.start], corpus,
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
    if same_source and in_order and exact:
        return Match(quote, VERIFIED, "fragment", 1.0, tuple(parts))
    acceptable = all(
        p.alignment.cost == 0
        or _acceptable_misquote(p.alignment, len(p.normalized.text), quote.attribution, thresholds)
        for p in found
    )
    if same_source and in_order and acceptable:
        return Match(quote, MISQUOTE, "edits", similarity, tuple(parts))
    if len(found) == len(parts) and acceptable and not same_source:
        return Match(quote, SPLICED, "splice", similarity, tuple(parts))
    return Match(quote, UNVERIFIED, "no-candidate", similarity, tuple(parts))
