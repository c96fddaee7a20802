"""YW106 variant-characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Edit, Severity
from yinwen.match import evidence
from yinwen.match.records import VERIFIED, PartMatch
from yinwen.resources import load_variants
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span

# Share of a draft's Han characters that are traditional or variant forms above which the draft is written
# in traditional script (measured: 0.28-0.34 for traditional drafts, at most 0.008 for simplified ones).
TRADITIONAL_DRAFT_SHARE = 0.1


def traditional_share(text: str) -> float:
    """Share of the Han characters of ``text`` that fold to another form (data/variants.tsv)."""
    variants = load_variants()
    han = [ch for ch in text if "\u3400" <= ch <= "\U0002ffff"]
    return sum(ch in variants for ch in han) / len(han) if han else 0.0


def _own_words(ctx: Context) -> str:
    """The draft's text outside its quotations: the script the writer chose."""
    text, pieces, cursor = ctx.document.text, [], 0
    for quote in ctx.extraction.quotes:
        pieces.append(text[cursor:max(cursor, quote.start)])
        cursor = max(cursor, quote.end)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _plain(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def variant_edits(part: PartMatch, ctx: Context) -> list[Edit]:
    """Characters equal only after traditional/variant folding where the draft wrote the traditional or
    variant form (説 for 说). A standard form against the source's variant (苟 where the corpus's 大学
    has 茍, 跬 for 蹞) is the right way to write it: nothing to note."""
    candidate = part.candidate
    if candidate is None or candidate.alignment.cost != 0:
        return []
    found = []
    for i, offset in enumerate(part.normalized.offsets):
        position = part.doc_offset + offset
        quote_char = ctx.document.text[position]
        source_position = ctx.corpus.orig_offset(candidate.start + i)
        source_char = ctx.corpus.orig_text(source_position, source_position + 1)
        if _plain(quote_char) != _plain(source_char) and quote_char in load_variants():
            found.append(Edit("replace", quote_char, source_char, position, position + 1))
    return found


class VariantCharacters(Rule):
    """The quotation matches its source except for traditional or variant character forms, or it quotes
    a recognised edition variant (data/variants-editions.toml).

    Why: 説 and 说 are the same word, and 黄沙直上白云间 is as good a reading as 黄河远上白云间, so the
    quotation is verified; the note says which form or reading the source uses, for drafts that must
    follow it exactly. To accept another documented reading, put a [[variant]] entry (work, corpus =
    the reading the corpus prints, variant = the other one, reference = where it is recorded) in a TOML
    file and name it with `editions = ["file.toml"]` in the config or `--editions file.toml`.
    Bad:  《论语》云：“學而時習之，不亦說乎？”
    Good: 《论语》云：“学而时习之，不亦说乎？”
    """

    doc_zh = """引文与原文相符，只是用了繁体字或异体字。

    原因：“説”和“说”是同一个字，所以引文算作核实无误；提示说明原文用的是哪种字形，供须严格照录的稿件参考。
    """

    code = "YW106"
    name = "variant-characters"
    severity = Severity.INFO
    summary = "引文用字为繁体或异体，与原文写法不同"
    summary_en = "traditional or variant characters differ from the source's forms"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        # A draft written in traditional script chose its script: its quotations are not noted one by one.
        chosen_script = traditional_share(_own_words(ctx)) >= TRADITIONAL_DRAFT_SHARE
        for match in matches_with(ctx, VERIFIED):
            if match.reason == "edition":
                yield self._edition_note(ctx, match)
                continue
            if chosen_script:
                continue
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

    def _edition_note(self, ctx: Context, match) -> Diagnostic:
        """A recognised edition variant: verified, with the other reading and where it is recorded."""
        notes = match.notes
        part = match.parts[0]
        reference = f"（{notes['edition_reference']}）" if notes.get("edition_reference") else ""
        return self.diagnostic(
            message=f"引文作“{notes['edition_quote']}”，语料所据版本作“{notes['edition_source']}”，"
                    f"两种读法均有版本依据{reference}",
            message_en=f"the quotation reads “{notes['edition_quote']}” where the corpus's edition reads "
                       f"“{notes['edition_source']}”: both are recorded readings",
            span=quote_span(ctx, match),
            source=evidence.source_ref(part, ctx.corpus),
            quote=match.quote.text,
            details={"edition_work": notes.get("edition_work", ""), "reading": notes["edition_quote"],
                     "other_reading": notes["edition_source"]},
        )
