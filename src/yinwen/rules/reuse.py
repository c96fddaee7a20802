"""YW203 unmarked-reuse."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.rules import Context, Rule


class UnmarkedReuse(Rule):
    """A long run of a corpus source stands in the draft without quotation marks.

    Why: words taken verbatim from a report or speech should be quoted and cited — or, when a
    draft is checked for lifted text (查重), the writer should see where each run came from.
    Stock phrases the corpus uses in many places (习近平新时代中国特色社会主义思想) are not reported.
    Bad:  我们必须坚持科技是第一生产力、人才是第一资源、创新是第一动力，深入实施科教兴国战略。
    Good: 报告指出：“必须坚持科技是第一生产力、人才是第一资源、创新是第一动力。”
    """

    doc_zh = """稿件中有一长段文字与语料中某篇原文逐字相同，却没有加引号。

    原因：逐字取自报告或讲话的文字应加引号并注明出处；在查重时，作者也应看到每段文字的来源。
    语料中多处使用的固定说法（习近平新时代中国特色社会主义思想）不报告。
    """

    code = "YW203"
    name = "unmarked-reuse"
    severity = Severity.INFO
    summary = "未加引号的原文"
    summary_en = "verbatim source text without quotation marks"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if ctx.corpus is None:
            return
        from yinwen.match.reuse import measure_reuse, reused_source_ref

        summary = measure_reuse(ctx.document, ctx.extraction, ctx.corpus, ctx.thresholds)
        for stretch in summary.stretches:
            if stretch.quoted or stretch.stock:
                continue
            ref = reused_source_ref(stretch, ctx.corpus)
            title = f"《{ref.title}》" if ref.title else ref.id
            yield self.diagnostic(
                                message=f"{stretch.chars} 字与{ref.speaker or ''}{title}原文相同，未加引号",
                message_en=f"{stretch.chars} characters are verbatim from {ref.speaker or ''}{title} without quotation marks",
                span=ctx.document.span(stretch.start, stretch.end),
                source=ref,
                quote=ctx.document.text[stretch.start: stretch.end],
                details={"chars": str(stretch.chars), "places": str(stretch.places)},
            )
