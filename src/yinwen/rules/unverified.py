"""YW105 unverified-quote."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match.records import UNVERIFIED
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span


class UnverifiedQuote(Rule):
    """A quotation attributed to a speaker or work that nothing in the corpus matches.

    Why: an attributed quotation that cannot be found may be misremembered or invented; check it
    against the original before the draft goes out. Unattributed quotations are not reported.
    Bad:  习近平总书记强调“权力观、政绩观、事业观直接影响党员干部立身处世、从政干事的人生选择”。
    Good: 习近平总书记强调：“要树立正确的权力观、政绩观、事业观”。
    """

    code = "YW105"
    name = "unverified-quote"
    severity = Severity.WARNING
    summary = "署名引文在语料中找不到"
    summary_en = "attributed quotation not found in the corpus"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for match in matches_with(ctx, UNVERIFIED):
            attribution = match.quote.attribution
            if not attribution.attributed or match.reason == "too-long":  # not searched: YW003 says so
                continue
            who = attribution.who or (f"《{attribution.title}》" if attribution.title else "古语")
            yield self.diagnostic(
                                message=f"引文标明出自{who}，但在语料中找不到，请核对原文",
                message_en=f"quotation attributed to {who} was not found in the corpus; check the original",
                span=quote_span(ctx, match),
                quote=match.quote.text,
                details={"reason": match.reason, "cue": attribution.cue},
            )
