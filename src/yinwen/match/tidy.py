"""Tidy an alignment's edits before judging them: edge substitutions, omissions the source itself makes, clause boundaries."""

from __future__ import annotations

from yinwen.corpus.store import Corpus
from yinwen.match.align import Alignment, Run
from yinwen.match.records import Candidate, PartMatch

NEGATIONS = set("不没无非未勿莫别否")


# Quote characters beyond a passage's end are compared with the source's next characters (in the
# same clause) when there are at most this many: 尊【颜】 against 尊【严】 is a substitution.
EDGE_SUBSTITUTION_MAX = 4


# How far before or after a passage the quote's head or tail is looked for (normalised characters).
OMISSION_REACH = 60


def with_edges_extended(part: PartMatch, corpus: Corpus) -> PartMatch:
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
            if found >= 0 and (size > EDGE_SUBSTITUTION_MAX or not _sentence_end_between(corpus, end, end + found)):
                # (a short tail found past the end of the sentence is a changed word, not an omission:
                # 民族就有【未来】 for 民族就有希望。中国梦……也是未来)
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


def without_interstitial_omissions(part: PartMatch, corpus: Corpus) -> PartMatch:
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


def with_omissions_at_clause_boundaries(part: PartMatch, corpus: Corpus) -> PartMatch:
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


def _sentence_end_between(corpus: Corpus, start: int, end: int) -> bool:
    """Whether the original text of normalised span [start, end) holds a sentence end (。！？；)."""
    if end <= start:
        return False
    text = corpus.orig_text(corpus.orig_offset(start), corpus.orig_offset(end - 1) + 1)
    return any(mark in text for mark in "。！？；!?;")


def _same_clause(corpus: Corpus, first: int, last: int) -> bool:
    """No punctuation between normalised positions ``first`` and ``last`` in the original."""
    return corpus.orig_offset(last) - corpus.orig_offset(first) == last - first


def single_character_moved(alignment: Alignment, quote: str) -> bool:
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
