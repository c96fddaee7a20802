"""YW102 spliced-quote."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match import evidence
from yinwen.match.records import SPLICED
from yinwen.rules import Context, Rule
from yinwen.rules._quote_rules import matches_with, quote_span


class SplicedQuote(Rule):
    """A quotation joins text from two places as if it were one continuous passage.

    Why: two sentences from different speeches (or far-apart paragraphs) quoted as one invent a
    statement nobody made. Quote them separately, or mark the omission with ……
    Bad:  习近平总书记强调：“我们要结合区域经济一体化的深入推进，修订党内监督条例，时机成熟、条件具备，要求迫切，意义重大。”
    Good: 习近平总书记强调：“修订党内监督条例，时机成熟、条件具备，要求迫切，意义重大。”
    """

    doc_zh = """一处引文把两个地方的文字当作一段连续的话拼接在一起。

    原因：把不同讲话（或相距很远的段落）中的两句话当作一句引用，等于编造了一段没人说过的话。应分开引用，
    或用“……”标明省略。
    """

    code = "YW102"
    name = "spliced-quote"
    severity = Severity.ERROR
    summary = "引文由两处原文拼接而成"
    summary_en = "quotation is spliced from two places"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for match in matches_with(ctx, SPLICED):
            parts = [part for part in match.parts if part.candidate is not None]
            if len(parts) < 2:
                continue
            refs = [evidence.source_ref(part, ctx.corpus) for part in parts]
            pieces_zh, pieces_en, related = [], [], []
            for part, ref in zip(parts, refs):
                chars = len(part.normalized.text)
                pieces_zh.append(f"{chars}字出自{ref.speaker or ''}《{ref.title}》{ref.locator}")
                pieces_en.append(f"{chars} characters from 《{ref.title}》 {ref.locator}")
                related.append((ctx.document.text[part.q_start:part.q_end], ctx.document.span(part.q_start, part.q_end), ref))
            edits = tuple(edit for part in parts for edit in evidence.edits(part, ctx.corpus, ctx.document.text))
            yield self.diagnostic(
                                message="引文由不相连的两处原文拼接而成：" + "；".join(pieces_zh),
                message_en="quotation joins two separate passages: " + "; ".join(pieces_en),
                span=quote_span(ctx, match),
                source=refs[0],
                edits=edits,
                quote=match.quote.text,
                related=tuple(related),
                details={"reason": match.reason, "similarity": f"{match.similarity:.4f}"},
            )
