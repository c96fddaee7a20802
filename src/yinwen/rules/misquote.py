"""YW101 misquote."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match import evidence
from yinwen.match.records import MISQUOTE
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span

OPS_ZH = {"replace": "改动", "insert": "多出", "omit": "漏掉"}


class Misquote(Rule):
    """Quoted wording differs from its source: words replaced, added or left out.

    Why: a quotation must reproduce its source; a changed word puts words in someone's mouth.
    Bad:  历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。
    Good: 历史反复证明，“以斗争求安全则安全存，以妥协求安全则安全亡”。
    """

    doc_zh = """引文与原文不符：有字词被替换、增加或遗漏。

    原因：引文必须忠实于原文；改动一个词，就是把别人没说过的话放进了别人嘴里。
    """

    code = "YW101"
    name = "misquote"
    severity = Severity.ERROR
    summary = "引文与原文不符"
    summary_en = "quotation differs from its source"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.corpus is not None or not ctx.matches
        for match in matches_with(ctx, MISQUOTE):
            parts = [part for part in match.parts if part.candidate is not None]
            if not parts:
                continue
            edits = tuple(edit for part in parts for edit in evidence.edits(part, ctx.corpus, ctx.document.text))
            primary = match.primary
            source = evidence.source_ref(primary, ctx.corpus)
            partial = match.reason == "partial"
            counts = "，".join(
                f"{OPS_ZH[op]}{sum(1 for e in edits if e.op == op)}处" for op in ("replace", "omit", "insert")
                if any(e.op == op for e in edits)
            )
            message = "引文与原文不符" + (f"（{counts}）" if counts else "")
            message_en = f"quotation differs from its source ({len(edits)} edit{'s' if len(edits) != 1 else ''})"
            if partial:
                message = "引文只有一部分见于原文，其余部分在语料中找不到"
                message_en = "only part of the quotation is in the source; the rest is found nowhere in the corpus"
            fix = evidence.fixed_text(primary, ctx.corpus) if len(parts) == 1 and not partial else None
            yield self.diagnostic(
                                message=message,
                message_en=message_en,
                span=quote_span(ctx, match),
                source=source,
                edits=edits,
                fix=fix,
                quote=match.quote.text,
                details={"reason": match.reason, "similarity": f"{match.similarity:.4f}"},
            )
