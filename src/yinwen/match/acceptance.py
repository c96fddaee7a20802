"""How close is close enough: when differences from one passage make a misquote rather than another sentence."""

from __future__ import annotations

from yinwen.match.align import Alignment, Run
from yinwen.match.records import PartMatch
from yinwen.match.thresholds import Thresholds
from yinwen.text.attribution import Attribution


def edge_inserts(alignment: Alignment, length: int) -> list[Run]:
    """Quote text before or after the passage: the quote goes on where the known source stops."""
    return [run for run in alignment.runs if run.op == "insert" and (run.q_start == 0 or run.q_end == length)]


def acceptable_misquote(alignment: Alignment, length: int, attribution: Attribution, thresholds: Thresholds) -> bool:
    """Close enough to one passage that the differences are changes, not a different sentence.

    Unattributed short quotes (slogans, set phrases: “两万五千里长征”) are only ever verified, never
    called misquotes: their variants are usually legitimate. A quote whose only differences are
    text beyond the passage's ends does not contradict it; that is for ``acceptable_partial``.
    """
    if not attribution.attributed and length < thresholds.short_quote_chars:
        return False
    if len(edge_inserts(alignment, length)) == len(alignment.runs):
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
