"""``--format html`` / ``--html-report FILE``: one self-contained page a writer can forward.

No scripts, fonts or images from anywhere: inline CSS only, so the file opens offline and in a
mail attachment. It has a summary table, then per file the findings (each with quote and source
side by side, the differing characters marked), the list of verified quotations with their
citations, and the draft itself with every quotation highlighted by its verdict. Everything that
comes from the draft or the corpus goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape

from yinwen import __version__
from yinwen.diagnostics import Diagnostic
from yinwen.engine import FileReport, Report
from yinwen.report import RenderOptions
from yinwen.report.fixes import offers_by_diagnostic
from yinwen.report.model import summary

VERDICTS = ("verified", "misquote", "spliced", "misattributed", "unverified", "term")
VERDICT_ZH = {"verified": "一致", "misquote": "不符", "spliced": "拼接", "misattributed": "出处有误",
              "unverified": "未找到", "term": "词语"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
TEXT = {
    "zh": {"title": "引文核对报告", "summary": "概况", "file": "文件", "quotes": "引文", "verified": "一致",
           "errors": "错误", "warnings": "警告", "infos": "提示", "findings": "问题", "quote": "引文",
           "source": "原文", "cite": "出处", "fix": "建议改为", "delete": "删除", "citations": "已核实引文的出处",
           "draft": "原稿（引文按核对结果着色）", "none": "没有发现问题。", "no_citations": "没有已核实的引文。",
           "corpus": "语料", "sources": "篇", "chars": "字", "legend": "图例", "part": "片段"},
    "en": {"title": "Quotation check report", "summary": "Summary", "file": "File", "quotes": "Quotations",
           "verified": "Verified", "errors": "Errors", "warnings": "Warnings", "infos": "Infos",
           "findings": "Findings", "quote": "Quote", "source": "Source", "cite": "Cited", "fix": "Fix", "delete": "delete it",
           "citations": "Sources of verified quotations", "draft": "Draft (quotations coloured by verdict)",
           "none": "No findings.", "no_citations": "No verified quotations.", "corpus": "Corpus",
           "sources": "sources", "chars": "characters", "legend": "Legend", "part": "Part"},
}
CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
margin:2em auto;max-width:72em;padding:0 1em;color:#222;line-height:1.6}
h1{font-size:1.6em;border-bottom:2px solid #444}h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #aaa}
h3{font-size:1.1em}table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.3em .6em;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.n{text-align:right}
.finding{border:1px solid #ccc;border-left:6px solid #999;margin:1em 0;padding:.5em 1em;background:#fcfcfc}
.finding.error{border-left-color:#c62828}.finding.warning{border-left-color:#ef8f00}.finding.info{border-left-color:#1e88e5}
.code{font-family:monospace;font-weight:bold}.where{color:#555;font-size:.9em}
.diff{width:100%;table-layout:fixed}.diff td{width:50%}
del{background:#ffcdd2;text-decoration:line-through;color:#8e0000}
ins{background:#c8e6c9;text-decoration:none;color:#1b5e20;font-weight:bold}
.draft{white-space:pre-wrap;counter-reset:line;padding-left:3.5em;list-style:none}
.draft li{counter-increment:line;position:relative;min-height:1.6em}
.draft li::before{content:counter(line);position:absolute;left:-3.5em;width:3em;text-align:right;color:#999;font-size:.8em}
mark{padding:0 .1em;border-radius:2px}
mark.verified{background:#c8e6c9}mark.misquote,mark.spliced{background:#ffcdd2}
mark.misattributed{background:#ffe0b2}mark.unverified{background:#fff59d}mark.term{background:#eceff1}
span.flag{border-bottom:2px dashed #c62828}
.legend mark{margin-right:.8em}.cite{color:#333}
"""


def render(report: Report, options: RenderOptions) -> str:
    lang = "en" if options.lang == "en" else "zh"
    words = TEXT[lang]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{words['title']}</title><style>{CSS}</style></head><body>",
        f"<h1>{words['title']}</h1>",
        f'<p class="where">yinwen {escape(__version__)} · {words["corpus"]} {report.corpus_sources} {words["sources"]}，'
        f'{report.corpus_chars} {words["chars"]} · {escape(report.corpus_fingerprint[:16])}</p>',
        _summary_table(report, words),
        _legend(lang, words),
    ]
    for number, file in enumerate(report.files, start=1):
        out.append(_file_section(number, file, lang, words))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _summary_table(report: Report, words: dict[str, str]) -> str:
    head = "".join(f"<th>{words[key]}</th>" for key in ("file", "quotes", "verified", "errors", "warnings", "infos"))
    rows = []
    for number, file in enumerate(report.files, start=1):
        quotes = [m for m in file.matches if m.verdict != "term"]
        counts = [sum(1 for d in file.diagnostics if d.severity.label == level) for level in ("error", "warning", "info")]
        cells = [len(quotes), sum(1 for m in quotes if m.verdict == "verified"), *counts]
        rows.append(f'<tr><td><a href="#file{number}">{escape(file.path)}</a></td>'
                    + "".join(f'<td class="n">{value}</td>' for value in cells) + "</tr>")
    totals = summary(report)
    total_cells = [totals[key] for key in ("quotes", "verified", "errors", "warnings", "infos")]
    rows.append(f"<tr><th>{len(report.files)}</th>" + "".join(f'<th class="n">{value}</th>' for value in total_cells) + "</tr>")
    return f"<h2>{words['summary']}</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _legend(lang: str, words: dict[str, str]) -> str:
    marks = "".join(f'<mark class="{v}">{VERDICT_ZH[v] if lang == "zh" else v}</mark>' for v in VERDICTS)
    return f'<p class="legend">{words["legend"]}：{marks}</p>'


def _file_section(number: int, file: FileReport, lang: str, words: dict[str, str]) -> str:
    out = [f'<section id="file{number}"><h2>{escape(file.path)}</h2>', f"<h3>{words['findings']}</h3>"]
    if not file.diagnostics:
        out.append(f"<p>{words['none']}</p>")
    offered = offers_by_diagnostic(file.document, file.diagnostics)
    for index, diagnostic in enumerate(file.diagnostics):
        offer = offered.get(id(diagnostic))
        out.append(_finding(number, index, diagnostic, lang, words, offer.text if offer else None))
    out.append(_citations(file, words))
    if file.document is not None:
        out.append(f"<h3>{words['draft']}</h3>")
        out.append(_draft(number, file))
    out.append("</section>")
    return "\n".join(out)


def _finding(number: int, index: int, diagnostic: Diagnostic, lang: str, words: dict[str, str],
             fix: str | None = None) -> str:
    severity = diagnostic.severity.label
    label = SEVERITY_ZH[severity] if lang == "zh" else severity
    where = ""
    if diagnostic.span:
        span = diagnostic.span
        where = f"{span.line}:{span.column}"
        if span.location:
            where += f" · {escape(span.location.label(lang))}"
        where = f'<a href="#f{number}-{span.start}">{where}</a>'
    parts = [f'<div class="finding {severity}" id="finding{number}-{index}">',
             f'<div><span class="code">{escape(diagnostic.code)}</span> {label} '
             f'<span class="where">{where}</span> {escape(diagnostic.text(lang))}</div>']
    if diagnostic.related:
        rows = []
        for text, _span, ref in diagnostic.related:
            source = escape(ref.text) if ref else ""
            cite = f'<div class="cite">{words["cite"]}：{escape(ref.citation())}</div>' if ref and ref.citation() else ""
            rows.append(f"<tr><td>{escape(text)}</td><td>{source}{cite}</td></tr>")
        parts.append(f'<table class="diff"><tr><th>{words["part"]}</th><th>{words["source"]}</th></tr>{"".join(rows)}</table>')
    elif diagnostic.quote is not None and diagnostic.source is not None and diagnostic.span is not None:
        quote_html, source_html = diff_pair(diagnostic)
        parts.append(f'<table class="diff"><tr><th>{words["quote"]}</th><th>{words["source"]}</th></tr>'
                     f"<tr><td>{quote_html}</td><td>{source_html}</td></tr></table>")
        if diagnostic.source.citation():
            parts.append(f'<div class="cite">{words["cite"]}：{escape(diagnostic.source.citation())}</div>')
    elif diagnostic.quote is not None:
        parts.append(f"<div>{words['quote']}：{escape(diagnostic.quote)}</div>")
    if fix is not None:
        parts.append(f"<div>{words['fix']}：{escape(fix) if fix else words['delete']}</div>")
    parts.append("</div>")
    return "\n".join(parts)


def diff_pair(diagnostic: Diagnostic) -> tuple[str, str]:
    """Quote with its changed characters in <del>, source with the characters it has instead in <ins>."""
    quote_runs, source_runs = diff_runs(diagnostic)
    return (_runs_html(quote_runs, "del"), _runs_html(source_runs, "ins"))


def diff_runs(diagnostic: Diagnostic) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """The quote and the source as runs of (text, differs): what the quote changed, what the source has instead."""
    assert diagnostic.span is not None and diagnostic.source is not None
    quote = diagnostic.quote or ""
    base = diagnostic.span.start
    quote_runs, cursor = [], 0
    for a, b in sorted((e.quote_start - base, e.quote_end - base) for e in diagnostic.edits if e.quote):
        if a < cursor or a < 0 or b > len(quote):
            continue
        quote_runs += [(quote[cursor:a], False), (quote[a:b], True)]
        cursor = b
    quote_runs.append((quote[cursor:], False))
    source = diagnostic.source.text
    source_runs, cursor = [], 0
    for edit in diagnostic.edits:
        found = source.find(edit.source, cursor) if edit.source else -1
        if found < 0:
            continue
        source_runs += [(source[cursor:found], False), (edit.source, True)]
        cursor = found + len(edit.source)
    source_runs.append((source[cursor:], False))
    return [run for run in quote_runs if run[0]], [run for run in source_runs if run[0]]


def _runs_html(runs: list[tuple[str, bool]], tag: str) -> str:
    return "".join(f"<{tag}>{escape(text)}</{tag}>" if differs else escape(text) for text, differs in runs)


def _citations(file: FileReport, words: dict[str, str]) -> str:
    from yinwen.report.cite import citation_text

    items = []
    for match, source in zip(file.matches, file.sources):
        if match.verdict != "verified" or source is None:
            continue
        items.append(f"<li>“{escape(match.quote.text)}”<br><span class=\"cite\">{escape(citation_text(source))}</span></li>")
    body = f"<ol>{''.join(items)}</ol>" if items else f"<p>{words['no_citations']}</p>"
    return f"<h3>{words['citations']}</h3>{body}"


def _draft(number: int, file: FileReport) -> str:
    """The draft line by line, each character run wrapped by the verdict of the quotation it is in."""
    document = file.document
    assert document is not None
    text = document.text
    verdict_at: list[str | None] = [None] * len(text)
    starts: set[int] = set()
    for match in file.matches:
        quote = match.quote
        for offset in range(max(quote.start, 0), min(quote.end, len(text))):
            verdict_at[offset] = match.verdict
    flagged = [False] * len(text)
    for diagnostic in file.diagnostics:
        if diagnostic.span is None:
            continue
        starts.add(diagnostic.span.start)
        if not any(m.quote.start == diagnostic.span.start and m.quote.end == diagnostic.span.end for m in file.matches):
            for offset in range(max(diagnostic.span.start, 0), min(diagnostic.span.end, len(text))):
                flagged[offset] = True
    bounds = list(document.line_starts) + [len(text) + 1]
    lines = []
    for line_start, next_start in zip(bounds, bounds[1:]):
        line_end = min(next_start, len(text))
        while line_end > line_start and text[line_end - 1] in "\r\n":
            line_end -= 1
        lines.append(f"<li>{_line_html(number, text, line_start, line_end, verdict_at, flagged, starts)}</li>")
    return f'<ol class="draft">{"".join(lines)}</ol>'


def _line_html(number: int, text: str, start: int, end: int, verdict_at: list, flagged: list, starts: set[int]) -> str:
    out, index = [], start
    while index < end:
        key = (verdict_at[index], flagged[index])
        stop = index + 1
        while stop < end and (verdict_at[stop], flagged[stop]) == key and stop not in starts:
            stop += 1
        piece = escape(text[index:stop])
        anchor = f' id="f{number}-{index}"' if index in starts else ""
        if key[1]:
            piece = f'<span class="flag"{anchor}>{piece}</span>'
            anchor = ""
        if key[0]:
            piece = f'<mark class="{key[0]}"{anchor} title="{VERDICT_ZH.get(key[0], key[0])}">{piece}</mark>'
        elif anchor:
            piece = f"<span{anchor}>{piece}</span>"
        out.append(piece)
        index = stop
    return "".join(out)
