"""Align a normalised quote inside a candidate source window and describe the differences.

The alignment chains the longest common blocks in order (longest first, then recursively on each
side, as difflib does), so an omission of any length costs nothing extra to find: “A……B” against “A X B”
aligns A and B and reports X as omitted, where an edit-distance alignment would rather substitute
B against the start of X. Stray one-character matches far from the passage are trimmed, and a lone
matching character between two edits is folded into one replacement, so the diff reads like a
proofreader's (以【软弱退让】求 vs 以【妥协】求), not like a character soup.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

# Blocks further apart than this in the source are different passages, not one with a gap.
MAX_GAP_FLOOR = 40


@dataclass(frozen=True)
class Run:
    """One edit in normalised coordinates: quote[q_start:q_end] stands where source[s_start:s_end] does."""

    op: str  # replace | insert (quote has extra) | omit (source has extra)
    q_start: int
    q_end: int
    s_start: int
    s_end: int


@dataclass(frozen=True)
class Alignment:
    """Where the quote sits in the window and how it differs. Spans are window offsets."""

    s_start: int
    s_end: int
    matches: int
    quote_length: int
    runs: tuple[Run, ...]
    blocks: tuple[tuple[int, int, int], ...]
    source_text: str = ""  # the located passage, window[s_start:s_end]

    def source_chars(self, s_start: int, s_end: int) -> str:
        """Source characters of a run (window coordinates)."""
        return self.source_text[s_start - self.s_start: s_end - self.s_start]

    @property
    def coverage(self) -> float:
        return self.matches / self.quote_length if self.quote_length else 0.0

    @property
    def cost(self) -> int:
        """Characters that differ: unmatched quote characters plus unmatched source characters."""
        return (self.quote_length - self.matches) + (self.s_end - self.s_start - self.matches)

    @property
    def similarity(self) -> float:
        total = self.quote_length + (self.s_end - self.s_start)
        return 2 * self.matches / total if total else 0.0


def align(quote: str, window: str) -> Alignment:
    """Best in-order alignment of ``quote`` inside ``window`` (both normalised)."""
    matcher = SequenceMatcher(None, quote, window, autojunk=False)
    blocks = [(block.a, block.b, block.size) for block in matcher.get_matching_blocks() if block.size]
    blocks = _main_chain(blocks, len(quote))
    if blocks:
        blocks = _main_chain(_with_edges_refilled(blocks, quote, window), len(quote))
    if not blocks:
        return Alignment(0, 0, 0, len(quote), (Run("insert", 0, len(quote), 0, 0),) if quote else (), ())
    runs = _runs(blocks, len(quote))
    matches = sum(size for _, _, size in blocks)
    s_start = blocks[0][1]
    s_end = blocks[-1][1] + blocks[-1][2]
    return Alignment(s_start, s_end, matches, len(quote), tuple(runs), tuple(blocks), window[s_start:s_end])


def _with_edges_refilled(blocks: list[tuple[int, int, int]], quote: str, window: str) -> list[tuple[int, int, int]]:
    """Match the quote's unmatched head and tail against the source right next to the chain.

    The global matcher takes the earliest equal-length match, so in 家之本在【于身】 against 家之本在身 it
    may pair 于 with a 于 far away and leave 身 unmatched; looked at locally, 身 follows at once."""
    first_q, first_s, _ = blocks[0]
    last_q, last_s, last_size = blocks[-1]
    extra: list[tuple[int, int, int]] = []
    tail_q, tail_s = last_q + last_size, last_s + last_size
    if tail_q < len(quote):
        local = SequenceMatcher(None, quote[tail_q:], window[tail_s:tail_s + len(quote) - tail_q + 2], autojunk=False)
        extra += [(tail_q + b.a, tail_s + b.b, b.size) for b in local.get_matching_blocks() if b.size]
    if first_q > 0:
        head_s = max(0, first_s - first_q - 2)
        local = SequenceMatcher(None, quote[:first_q], window[head_s:first_s], autojunk=False)
        extra += [(b.a, head_s + b.b, b.size) for b in local.get_matching_blocks() if b.size]
    if not extra:
        return blocks
    return sorted(blocks + extra)


def _main_chain(blocks: list[tuple[int, int, int]], quote_length: int) -> list[tuple[int, int, int]]:
    """Keep the densest chain of blocks: split where the source gap is far too wide, trim stray edges."""
    if not blocks:
        return []
    max_gap = max(MAX_GAP_FLOOR, 2 * quote_length)
    chains: list[list[tuple[int, int, int]]] = [[blocks[0]]]
    for block in blocks[1:]:
        previous = chains[-1][-1]
        gap = block[1] - (previous[1] + previous[2])
        if gap > max_gap:
            chains.append([block])
        else:
            chains[-1].append(block)
    chain = max(chains, key=lambda c: sum(size for _, _, size in c))
    while len(chain) > 1 and _stray(chain[0], chain[1], leading=True):
        chain = chain[1:]
    while len(chain) > 1 and _stray(chain[-1], chain[-2], leading=False):
        chain = chain[:-1]
    return chain


def _stray(edge: tuple[int, int, int], neighbour: tuple[int, int, int], leading: bool) -> bool:
    """A short edge block whose source gap to the rest is longer than the block itself."""
    if edge[2] >= 4:
        return False
    if leading:
        source_gap = neighbour[1] - (edge[1] + edge[2])
        quote_gap = neighbour[0] - (edge[0] + edge[2])
    else:
        source_gap = edge[1] - (neighbour[1] + neighbour[2])
        quote_gap = edge[0] - (neighbour[0] + neighbour[2])
    if source_gap + quote_gap < edge[2]:
        return False
    return source_gap - quote_gap > edge[2] + 1 or quote_gap > 2 * edge[2] or (edge[2] == 1 and source_gap > 2)


def _runs(blocks: list[tuple[int, int, int]], quote_length: int) -> list[Run]:
    """Edits between consecutive blocks (and quote text outside the first/last block)."""
    runs: list[Run] = []
    first_q, first_s, _ = blocks[0]
    if first_q > 0:
        runs.append(Run("insert", 0, first_q, first_s, first_s))
    for (qa, sa, size), (qb, sb, _) in zip(blocks, blocks[1:]):
        q_from, s_from = qa + size, sa + size
        if qb > q_from or sb > s_from:
            runs.append(_run(q_from, qb, s_from, sb))
    last_q, last_s, last_size = blocks[-1]
    if last_q + last_size < quote_length:
        end = last_s + last_size
        runs.append(Run("insert", last_q + last_size, quote_length, end, end))
    return _fold_lone_matches(runs)


def _run(q_start: int, q_end: int, s_start: int, s_end: int) -> Run:
    if q_end > q_start and s_end > s_start:
        op = "replace"
    elif q_end > q_start:
        op = "insert"
    else:
        op = "omit"
    return Run(op, q_start, q_end, s_start, s_end)


def _fold_lone_matches(runs: list[Run]) -> list[Run]:
    """Merge two edits separated by a single matching character into one replacement."""
    merged: list[Run] = []
    for run in runs:
        if merged:
            last = merged[-1]
            if run.q_start - last.q_end <= 1 and run.s_start - last.s_end <= 1:
                merged[-1] = _run(last.q_start, run.q_end, last.s_start, run.s_end)
                continue
        merged.append(run)
    return merged
