"""Edition variants: lines the standard editions print in two forms (黄河远上白云间 / 黄沙直上白云间).

A proofreader accepts either reading of a recognised variant, so a quotation that differs from its
passage only by a pair listed in data/variants-editions.toml is verified, and a YW106 note names the other
reading and where it is recorded. An unlisted change is still a misquote.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from yinwen.corpus.store import Corpus
from yinwen.match.records import PartMatch
from yinwen.resources import load_toml
from yinwen.text.normalize import normalize_text


@dataclass(frozen=True)
class EditionVariant:
    """Two documented readings of one line, as the corpus prints it and as another edition does."""

    work: str
    author: str
    corpus_reading: str
    other_reading: str
    reference: str

    def readings(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """(normalised reading in the quote, the one in the source), both ways round."""
        a, b = normalize_text(self.other_reading), normalize_text(self.corpus_reading)
        return (a, b), (b, a)


@cache
def edition_variants() -> tuple[EditionVariant, ...]:
    entries = load_toml("variants-editions.toml").get("variant", [])
    return tuple(EditionVariant(entry["work"], entry.get("author", ""), entry["corpus"], entry["variant"],
                                entry.get("reference", "")) for entry in entries)


def edition_reading(part: PartMatch, corpus: Corpus) -> tuple[EditionVariant, str, str] | None:
    """The listed variant that accounts for every difference between the quote and its passage, with the
    quote's reading and the source's; None when some difference is not a listed variant. The quote may
    hold more or less than the listed line (天将降大任于斯人也 for 故天将降大任于是人也): the differing
    characters must stand in the quote with at least ``CONTEXT`` characters of the line around them."""
    candidate = part.candidate
    if candidate is None:
        return None
    quote = part.normalized.text
    around = corpus.norm_text(max(0, candidate.start - len(quote)), candidate.end + len(quote))
    for variant, mine, theirs, substituted in edition_substitutions(quote):
        if substituted in around:
            return variant, mine, theirs
    return None


def edition_substitutions(quote: str) -> list[tuple[EditionVariant, str, str, str]]:
    """Every listed reading the normalised quote holds, with the quote as the other edition would read it:
    (variant, the quote's reading, the other reading, the substituted quote)."""
    found = []
    for variant in edition_variants():
        for mine, theirs in variant.readings():
            if mine and mine != theirs:
                substituted = _substituted(quote, mine, theirs)
                if substituted is not None:
                    found.append((variant, mine, theirs, substituted))
    return found


CONTEXT = 3


def _substituted(quote: str, mine: str, theirs: str) -> str | None:
    """``quote`` with the part where ``mine`` differs from ``theirs`` replaced, if the quote has it in context."""
    prefix = 0
    while prefix < min(len(mine), len(theirs)) and mine[prefix] == theirs[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(mine), len(theirs)) - prefix and mine[-1 - suffix] == theirs[-1 - suffix]:
        suffix += 1
    core, replacement = mine[prefix:len(mine) - suffix], theirs[prefix:len(theirs) - suffix]
    if not core:
        return None
    start = quote.find(core)
    while start >= 0:
        end = start + len(core)
        left = min(prefix, start)
        right = min(suffix, len(quote) - end)
        if left + right >= CONTEXT and quote[start - left:start] == mine[prefix - left:prefix] \
                and quote[end:end + right] == mine[len(mine) - suffix:len(mine) - suffix + right]:
            return quote[:start] + replacement + quote[end:]
        start = quote.find(core, start + 1)
    return None
