"""How close is close enough: when differences from one passage make a misquote rather than another sentence."""

from __future__ import annotations

from yinwen.corpus.store import Corpus
from yinwen.match.align import Alignment, Run
from yinwen.match.attributed import source_matches_attribution
from yinwen.match.records import PartMatch
from yinwen.match.strength import distinctive_share, long_edit, occasion_conflict, quoted_in_source
from yinwen.match.thresholds import Thresholds
from yinwen.text.attribution import Attribution


def edge_inserts(alignment: Alignment, length: int) -> list[Run]:
    """Quote text before or after the passage: the quote goes on where the known source stops."""
    return [run for run in alignment.runs if run.op == "insert" and (run.q_start == 0 or run.q_end == length)]


def acceptable_misquote(part: PartMatch, corpus: Corpus, attribution: Attribution, thresholds: Thresholds) -> bool:
    """Close enough to one passage, and enough evidence that it is the source, to call the differences changes.

    Short quotes (under ``short_quote_chars``) need a named speaker or work and exactly one changed
    character, or, unnamed, a passage their wording points to (distinctive runs: 九层之台，起于垒土). Every
    quote needs edits rather than other text (``strength.long_edit``), the source's own words rather than
    its rendering of a saying, and no clash with the year or occasion the draft names. A quote whose only
    differences are text beyond the passage's ends does not contradict it (``acceptable_partial``).
    """
    alignment = part.alignment
    candidate = part.candidate
    if alignment is None or candidate is None or not alignment.runs:
        return False
    length = len(part.normalized.text)
    if len(edge_inserts(alignment, length)) == len(alignment.runs) or long_edit(alignment):
        return False
    if attribution.attributed and occasion_conflict(attribution, corpus, candidate):
        return False
    # The source's own words, or the named speaker's rendering of a saying (习近平总书记说的“功以才成”).
    own = attribution.attributed and source_matches_attribution(corpus, candidate.source, attribution)
    original = own or not quoted_in_source(corpus, candidate)
    edits = len(alignment.runs)
    single = all(max(run.q_end - run.q_start, run.s_end - run.s_start) <= 1 for run in alignment.runs)
    if length < thresholds.short_quote_chars:
        if length < 6 or not original or not single:
            return False
        if attribution.attributed:
            # One changed character; two only in the named speaker's own passage, with no other wording as close
            # (功以学成，业由学广 for his 功以才成，业由才广).
            return edits == 1 or (edits == 2 and own and part.rival_cost is None)
        # Unnamed, in a passage the wording points to: a classical line is a fixed text (仰不愧【于】天), but
        # in a modern set phrase a function word comes and goes (为共产主义事业【而】奋斗): changes only.
        fixed_text = corpus.sources[candidate.source].is_classical
        return edits <= 2 and (fixed_text or all(run.op == "replace" for run in alignment.runs)) \
            and alignment.coverage >= thresholds.misquote_min_coverage \
            and distinctive_share(corpus, part) >= thresholds.distinctive_min_share
    if alignment.coverage < thresholds.misquote_min_coverage:
        return False
    if any(run.s_end - run.s_start > max(thresholds.adjacent_max_gap, length) for run in alignment.runs):
        return False
    if max(size for _, _, size in alignment.blocks) < 4:
        return False
    distinctive = None
    if not attribution.attributed:
        distinctive = distinctive_share(corpus, part)
        if distinctive < thresholds.distinctive_min_share:
            return False  # unnamed, and its words could come from anywhere: a slogan, not a quotation
    if edits <= max(1, thresholds.max_edits_per_10_chars * length / 10):
        return True
    # Many one-character changes (于 added three times): a misquote only of a passage the words point to.
    if distinctive is None:
        distinctive = distinctive_share(corpus, part)
    return single and original and distinctive >= thresholds.distinctive_min_share \
        and edits <= 2 * thresholds.max_edits_per_10_chars * length / 10


def ambiguous_short(part: PartMatch, thresholds: Thresholds) -> bool:
    """A short quote one character away from two different passages says nothing about either."""
    alignment = part.alignment
    if alignment is None or len(part.normalized.text) >= thresholds.short_quote_chars:
        return False
    return part.rival_cost is not None and part.rival_cost <= alignment.cost


def acceptable_partial(alignment: Alignment, length: int, attribution: Attribution, thresholds: Thresholds) -> bool:
    """Part of an attributed quote is a near-verbatim passage; the rest is found nowhere."""
    if not attribution.attributed:
        return False
    edge_runs = edge_inserts(alignment, length)
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
