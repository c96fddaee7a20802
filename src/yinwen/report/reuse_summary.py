"""``--reuse-report``: per file, the share of text found verbatim in the corpus and the top sources.

Not an output format of its own: it is printed after the text report, or to stderr beside a
machine format, so that stdout stays one parseable document.
"""

from __future__ import annotations

from yinwen.config.settings import Settings
from yinwen.engine import Report

TOP_SOURCES = 5


def render_reuse(report: Report, corpus, settings: Settings, lang: str = "zh") -> str:
    from yinwen.match.reuse import measure_reuse
    from yinwen.text.quotes import extract_quotes

    english = lang == "en"
    minimum = settings.thresholds.reuse_min_chars
    lines = [f"Verbatim reuse (runs of {minimum}+ characters found in the corpus)" if english
             else f"原文复用情况（与语料库连续相同 {minimum} 字以上）"]
    for file in report.files:
        if file.document is None:
            continue
        summary = measure_reuse(file.document, extract_quotes(file.document), corpus, settings.thresholds)
        if english:
            lines.append(f"{file.path}: {summary.share:.1%} of {summary.chars} characters verbatim in the corpus, "
                         f"{summary.unmarked_share:.1%} without quotation marks")
        else:
            lines.append(f"{file.path}：共 {summary.chars} 字，{summary.share:.1%} 与语料库原文相同，"
                         f"其中未加引号 {summary.unmarked_share:.1%}")
        for source_index, chars in summary.by_source[:TOP_SOURCES]:
            source = corpus.sources[source_index]
            who = f"{source.speaker}" if source.speaker else ""
            share = chars / summary.chars if summary.chars else 0.0
            unit = "characters" if english else "字"
            lines.append(f"  {chars:>6} {unit} {share:6.1%}  {who}《{source.title}》 {source.id}")
    return "\n".join(lines) + "\n"
