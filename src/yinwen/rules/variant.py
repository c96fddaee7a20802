"""YW106 variant-characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Edit, Severity
from yinwen.match import evidence
from yinwen.match.records import VERIFIED, PartMatch
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span


def _plain(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def variant_edits(part: PartMatch, ctx: Context) -> list[Edit]:
    """Characters equal only after traditional/variant folding (説 for 说, 茍 for 苟)."""
    candidate = part.candidate
    if candidate is None or candidate.alignment.cost != 0:
        return []
    found = []
    for i, offset in enumerate(part.normalized.offsets):
        position = part.doc_offset + offset
        quote_char = ctx.document.text[position]
        source_position = ctx.corpus.orig_offset(candidate.start + i)
        source_char = ctx.corpus.orig_text(source_position, source_position + 1)
        if _plain(quote_char) != _plain(source_char):
            found.append(Edit("replace", quote_char, source_char, position, position + 1))
    return found


class VariantCharacters(Rule):
    """The quotation matches its source except for traditional or variant character forms.

    Why: 説 and 说 are the same word, so the quotation is verified; the note says which form the
    source uses, for drafts that must follow it exactly.
    Bad:  《论语》云：“學而時習之，不亦說乎？”
    Good: 《论语》云：“学而时习之，不亦说乎？”
    """

    code = "YW106"
    name = "variant-characters"
    severity = Severity.INFO
    summary = "引文用字为繁体或异体，与原文写法不同"
    summary_en = "traditional or variant characters differ from the source's forms"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for match in matches_with(ctx, VERIFIED):
            for part in match.parts:
                edits = variant_edits(part, ctx)
                if not edits:
                    continue
                pairs = "、".join(f"{e.quote}→{e.source}" for e in edits[:5])
                yield self.diagnostic(
                                        message=f"引文与原文一致，仅繁简或异体字写法不同（{pairs}）",
                    message_en=f"quotation matches its source except for character forms ({pairs})",
                    span=quote_span(ctx, match),
                    source=evidence.source_ref(part, ctx.corpus),
                    edits=tuple(edits),
                    quote=match.quote.text,
                )
