"""YW104 punctuation-differs."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from yinwen.corpus.search import exact_occurrences
from yinwen.diagnostics import Diagnostic, Edit, Severity
from yinwen.match import evidence
from yinwen.match.records import VERIFIED, PartMatch
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span


def _clean(gap: str) -> str:
    """Punctuation as a reader sees it: no spaces, no invisible format characters (those are YW005's)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", gap) if not ch.isspace() and unicodedata.category(ch) != "Cf")


# Inner quotation marks a quotation rightly drops or converts (the source quoting someone itself).
INNER_QUOTES = "“”‘’「」『』\"'"
# Pauses an editor put into a text written without punctuation: in the classics ，/。/；/？ are the
# edition's, so only other marks (an enumeration 、 in verse) are worth a note.
EDITORIAL_PAUSES = "，。；：？！,.;:?!"


def _compared(gap: str, classical: bool) -> str:
    kept = _clean(gap).translate({ord(ch): None for ch in INNER_QUOTES})
    return kept.translate({ord(ch): None for ch in EDITORIAL_PAUSES}) if classical else kept


def punctuation_edits(part: PartMatch, ctx: Context) -> list[Edit]:
    """Differences in the punctuation between matched characters (ends excluded: a quote may stop
    at a comma where its source goes on). Inner quotation marks never count, nor the editor's pauses
    in a classical text."""
    candidate = part.candidate
    if candidate is None or candidate.alignment.cost != 0:
        return []
    corpus = ctx.corpus
    classical = corpus.sources[candidate.source].is_classical
    offsets = part.normalized.offsets
    text = ctx.document.text
    found = []
    for i in range(len(offsets) - 1):
        q_a, q_b = part.doc_offset + offsets[i] + 1, part.doc_offset + offsets[i + 1]
        s_a = corpus.orig_offset(candidate.start + i) + 1
        s_b = corpus.orig_offset(candidate.start + i + 1)
        quote_gap, source_gap = text[q_a:q_b], corpus.orig_text(s_a, s_b)
        if _compared(quote_gap, classical) != _compared(source_gap, classical):
            found.append(Edit("replace", quote_gap, source_gap, q_a, q_b))
    return found


def _punctuated_alike_elsewhere(part: PartMatch, ctx: Context) -> bool:
    """Another place in the corpus holds the words with the draft's punctuation (the cited original has
    a comma the draft's 、 does not, but three later speeches print the 、): nothing to note."""
    candidate = part.candidate
    assert candidate is not None
    text = part.normalized.text
    for position in exact_occurrences(ctx.corpus, text, limit=50):
        if position == candidate.start:
            continue
        moved = part.moved(ctx.corpus.source_of_norm(position), position, position + len(text), candidate.alignment)
        if not punctuation_edits(moved, ctx):
            return True
    return False


class PunctuationDiffers(Rule):
    """Only punctuation differs from the source (、 where the source has ，).

    Why: the words are right, but a faithful quotation keeps its source's punctuation too.
    Bad:  古语有云：“一年两度锦江游、前值东风后值秋。”
    Good: 古语有云：“一年两度锦江游，前值东风后值秋。”
    """

    doc_zh = """与原文只有标点不同（原文是“，”，引文是“、”等）。

    原因：字句无误，但忠实的引文也应保留原文的标点。
    """

    code = "YW104"
    name = "punctuation-differs"
    severity = Severity.INFO
    summary = "引文标点与原文不同"
    summary_en = "punctuation differs from the source"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for match in matches_with(ctx, VERIFIED):
            for part in match.parts:
                edits = punctuation_edits(part, ctx)
                if not edits or _punctuated_alike_elsewhere(part, ctx):
                    continue
                yield self.diagnostic(
                                        message=f"引文文字与原文一致，但有{len(edits)}处标点不同",
                    message_en=f"wording matches the source but {len(edits)} punctuation mark(s) differ",
                    span=quote_span(ctx, match),
                    source=evidence.source_ref(part, ctx.corpus),
                    edits=tuple(edits),
                    fix=evidence.fixed_text(part, ctx.corpus) if len(match.parts) == 1 else None,
                    quote=match.quote.text,
                )
