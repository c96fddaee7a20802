"""YW103 misattributed."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match import evidence
from yinwen.match.records import MISATTRIBUTED
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span


class Misattributed(Rule):
    """The quotation is found, but the draft attributes it to another speaker or work.

    Why: right words in the wrong mouth are still a misquotation (政治性差错).
    Bad:  邓小平同志强调：“同时，人类也正处在一个挑战层出不穷、风险日益增多的时代。”
    Good: 习近平总书记强调：“同时，人类也正处在一个挑战层出不穷、风险日益增多的时代。”
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
