"""A quotation's verdict and the evidence behind it: the records every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from yinwen.match.align import Alignment
from yinwen.text.normalize import Normalized
from yinwen.text.quotes import Quote

VERIFIED, MISQUOTE, SPLICED, MISATTRIBUTED, UNVERIFIED, TERM = (
    "verified", "misquote", "spliced", "misattributed", "unverified", "term",
)


@dataclass(frozen=True)
class Candidate:
    """An aligned place in the corpus: absolute normalised span, its source and the alignment."""

    source: int
    start: int
    end: int
    alignment: Alignment
    votes: int

    @property
    def cost(self) -> int:
        return self.alignment.cost


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

    def moved(self, source: int, start: int, end: int, alignment: Alignment, votes: int = 0) -> PartMatch:
        """The same stretch of the quote found at another place (the named work, an edition, one text)."""
        return PartMatch(self.q_start, self.q_end, Candidate(source, start, end, alignment, votes), self.normalized,
                         self.doc_offset)


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
