"""Doubled characters a quotation owes to its source, for YW201 (rules/stutter.py).

A quotation's wording is the source's, not the writer's: 天下攘攘 in a 史记 line or 皎皎 in a poem
is not a slip even where the dictionary does not know the pair. Two kinds of evidence:
- the passage the matcher located for the quote (any verdict) has a doubled character at the same
  place, between the same neighbours (天下攘攘皆为 against the source's 天下壤壤皆为);
- the quotation is cut like verse or a classical parallel: two or more clauses of one length, four
  to eight characters each (迢迢牵牛星，皎皎河汉女). A slip adds a character to one clause and
  breaks that evenness, so the form vouches for its doubles — unless the pair splits a word
  (“没有调调查，没有发言权”: evenness by chance), which rules/stutter.py asks.
"""

from __future__ import annotations

import re

from yinwen.rules import Context

CLAUSE_MARKS = re.compile(r"[，。；！？、：,.;!?:\s]+")
ALL_HAN = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134f]+$")
# Characters of quote context either side of the pair that must stand so in the source.
CONTEXT = 2


def quoted_doubles(ctx: Context) -> tuple[set[int], set[int]]:
    """Document offsets of pairs a quotation owes to its source: those its located passage has
    (first character of the pair), and every offset inside verse-shaped quotations."""
    source: set[int] = set()
    verse: set[int] = set()
    text = ctx.document.text
    for quote in ctx.extraction.quotes:
        if _verse(text[quote.start: quote.end]):
            verse.update(range(quote.start, quote.end))
    if ctx.corpus is None:
        return source, verse
    for match in ctx.matches:
        for part in match.parts:
            if part.candidate is not None:
                source.update(_source_pairs(ctx, part))
    return source, verse


def _verse(quoted: str) -> bool:
    """Two or more clauses of one length, four to eight characters, nothing but characters."""
    clauses = [clause for clause in CLAUSE_MARKS.split(quoted) if clause]
    return (len(clauses) >= 2 and len({len(clause) for clause in clauses}) == 1 and 4 <= len(clauses[0]) <= 8
            and all(ALL_HAN.match(clause) for clause in clauses))


def _source_pairs(ctx: Context, part) -> set[int]:
    """Pairs of this quote part whose neighbours stand around a doubled character in the located passage."""
    normalized = part.normalized
    quoted = normalized.text
    pairs = [i for i in range(len(quoted) - 1) if quoted[i] == quoted[i + 1]]
    if not pairs:
        return set()
    candidate = part.candidate
    margin = 2 * CONTEXT + 2
    passage = ctx.corpus.norm_text(max(0, candidate.start - margin), candidate.end + margin)
    found = set()
    for i in pairs:
        left, right = quoted[max(0, i - CONTEXT): i], quoted[i + 2: i + 2 + CONTEXT]
        if not left and not right:
            continue
        if re.search(re.escape(left) + r"(.)\1" + re.escape(right), passage):
            found.add(part.doc_offset + normalized.offsets[i])
    return found

