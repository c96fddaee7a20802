"""YW105 unverified-quote."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match import evidence
from yinwen.match.records import UNVERIFIED
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span

# A passage offered as "did you mean" must hold at least this share of the quote's characters, in order.
NEAREST_MIN_COVERAGE = 0.4


class UnverifiedQuote(Rule):
    """A quotation attributed to a speaker or work that nothing in the corpus matches.

    Why: an attributed quotation that cannot be found may be misremembered or invented; check it
    against the original before the draft goes out. The nearest passage in the corpus, when there is
    one, is shown with its citation, so a garbled line leads to the real one. Unattributed quotations
    are not reported.
    Bad:  习近平总书记强调“权力观、政绩观、事业观直接影响党员干部立身处世、从政干事的人生选择”。
    Good: 习近平总书记强调：“要树立正确的权力观、政绩观、事业观”。
    """

    doc_zh = """标明了讲话人或出处的引文，在语料中找不到相符的原文。

    原因：标明出处却找不到的引文可能记错了，也可能是杜撰的；定稿前请与原文核对。未标明出处的引文不报告。
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
            if attribution.local or attribution.folk:
                continue  # 张主任说：“…” — a local office holder's own words: no published original to check
            who = attribution.who or (f"《{attribution.title}》" if attribution.title else "古语")
            nearest = _nearest(ctx, match)
            hint, hint_en = ("；最接近的原文见下", "; the nearest passage is shown") if nearest else ("", "")
            yield self.diagnostic(
                message=f"引文标明出自{who}，但在语料中找不到，请核对原文{hint}",
                message_en=f"quotation attributed to {who} was not found in the corpus; check the original{hint_en}",
                span=quote_span(ctx, match),
                quote=match.quote.text,
                related=nearest,
                details={"reason": match.reason, "cue": attribution.cue, **({"nearest": "1"} if nearest else {})},
            )


def _nearest(ctx: Context, match) -> tuple:
    """“Did you mean”: the passage that shares the most with the quote, when it shares enough to help a
    writer find the real line (the work, the author, the wording)."""
    part = match.primary
    if part is None or part.alignment is None or part.alignment.coverage < NEAREST_MIN_COVERAGE:
        return ()
    return ((match.quote.text, None, evidence.source_ref(part, ctx.corpus)),)
