"""YW004 unbalanced-quotes."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.rules import Context, Rule


class UnbalancedQuotes(Rule):
    """An opening quotation mark with no closing one, or the reverse.

    Why: an unclosed quotation hides where the quoted words end, so they cannot be checked; the
    rest of the document is still checked.
    Bad:  习近平总书记强调：“江山就是人民，人民就是江山。
    Good: 习近平总书记强调：“江山就是人民，人民就是江山。”
    """

    doc_zh = """有前引号而没有后引号，或者相反。

    原因：引号不闭合，就看不出引文在哪里结束，无法核对；文档其余部分照常核对。
    """

    code = "YW004"
    name = "unbalanced-quotes"
    severity = Severity.WARNING
    summary = "引号不成对"
    summary_en = "unbalanced quotation mark"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for mark in ctx.extraction.unbalanced:
            kind_zh = "前引号" if mark.opening else "后引号"
            kind_en = "opening" if mark.opening else "closing"
            yield self.diagnostic(
                                message=f"{kind_zh}“{mark.mark}”没有与之配对的引号",
                message_en=f"{kind_en} quotation mark {mark.mark} has no partner",
                span=ctx.document.span(mark.offset, mark.offset + 1),
            )
