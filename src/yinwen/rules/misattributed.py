"""YW103 misattributed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match import evidence
from yinwen.match.records import MISATTRIBUTED
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span
from yinwen.rules.reported_sentences import misreported


class Misattributed(Rule):
    """The quotation is found, but the draft attributes it to another speaker or work.

    Why: right words in the wrong mouth are still a misquotation (政治性差错).
    Bad:  邓小平同志强调：“同时，人类也正处在一个挑战层出不穷、风险日益增多的时代。”
    Good: 习近平总书记强调：“同时，人类也正处在一个挑战层出不穷、风险日益增多的时代。”
    """

    doc_zh = """引文能在语料中找到，但稿件把它归于另一位讲话人或另一部著作。

    原因：话对了、人错了，仍是错引（政治性差错）。
    """

    code = "YW103"
    name = "misattributed"
    severity = Severity.ERROR
    summary = "引文出处张冠李戴"
    summary_en = "quotation attributed to the wrong speaker or work"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for match in matches_with(ctx, MISATTRIBUTED):
            primary = match.primary
            if primary is None:
                continue
            ref = evidence.source_ref(primary, ctx.corpus)
            attribution = match.quote.attribution
            title = f"《{attribution.title}》" if attribution.title else ""
            if match.reason == "occasion":  # the right speaker, another occasion
                title = f"在{attribution.occasion}上的讲话"
            named = f"{attribution.who or ''}{title}" or "古人"
            actual = f"{ref.speaker or ''}《{ref.title}》"
            yield self.diagnostic(
                                message=f"引文标明出自{named}，实际出自{actual}",
                message_en=f"quotation attributed to {named} is actually from {actual}",
                span=quote_span(ctx, match),
                source=ref,
                edits=evidence.edits(primary, ctx.corpus, ctx.document.text),
                quote=match.quote.text,
                details={"attributed_to": named, "cue": attribution.cue},
            )
        yield from self._reported(ctx)

    def _reported(self, ctx: Context) -> Iterator[Diagnostic]:
        """报告指出：<the words of another speech>。 — not a quotation, so at info level."""
        for found in misreported(ctx):
            source = ctx.corpus.sources[found.found_in]
            actual = f"{source.speaker or ''}《{source.title}》"
            yield replace(self.diagnostic(
                message=f"这句话标为《{found.work_title}》所言，但语料中只见于{actual}",
                message_en=f"this sentence is given as {found.work_title}'s, but the corpus has it only in {actual}",
                span=ctx.document.span(found.start, found.end),
                quote=found.text,
                details={"attributed_to": found.work_title, "unquoted": "1"},
            ), severity=Severity.INFO)
