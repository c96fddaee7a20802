"""``--format text``: a proofreader's notes, one block per finding, then a summary."""

from __future__ import annotations

from yinwen.diagnostics import Diagnostic
from yinwen.engine import FileReport, Report
from yinwen.messages import msg
from yinwen.report import RenderOptions
from yinwen.report.excerpt import excerpt, visible
from yinwen.report.model import quote_counts, summary

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
RESET, BOLD, RED_BG, GREEN_BG = "\x1b[0m", "\x1b[1m", "\x1b[41;97m", "\x1b[42;30m"

LABELS = {
    "zh": {"quote": "引文", "source": "原文", "cite": "出处", "fix": "建议", "part": "片段", "first": "首见", "repeat": "重复",
           "nearest": "相近", "text": "文中"},
    "en": {"quote": "quote ", "source": "source", "cite": "cited ", "fix": "fix   ", "part": "part  ",
           "first": "first ", "repeat": "repeat", "nearest": "near  ", "text": "text  "},
}


def render(report: Report, options: RenderOptions) -> str:
    lines: list[str] = []
    for file in report.files:
        for diagnostic in file.diagnostics:
            lines.extend(_finding(file, diagnostic, options))
        lines.append(_file_summary(file, options))
    totals = summary(report)
    line = msg("summary-total", **totals).text(options.lang)
    if totals["unchecked_files"]:
        line += msg("summary-unchecked", count=totals["unchecked_files"]).text(options.lang)
    lines.append(line)
    return "\n".join(lines) + "\n"


def _file_summary(file: FileReport, options: RenderOptions) -> str:
    """How many quotations the file has, and what became of each: verified, flagged, not found."""
    counts = quote_counts(file)
    line = msg("summary-file", path=file.path, quotes=counts.quotes, verified=counts.verified, flagged=counts.flagged,
               not_found=counts.not_found, others=counts.others).text(options.lang)
    if counts.ignored:
        line += msg("summary-ignored", count=counts.ignored).text(options.lang)
    return line


def _finding(file: FileReport, diagnostic: Diagnostic, options: RenderOptions) -> list[str]:
    severity = diagnostic.severity.label
    label = SEVERITY_ZH[severity] if options.lang != "en" else severity
    where = f"{file.path}:{diagnostic.span.line}:{diagnostic.span.column}" if diagnostic.span else file.path
    if diagnostic.span and diagnostic.span.location:  # .docx/.pdf: the paragraph, cell or page in the file
        where += f" [{diagnostic.span.location.label(options.lang)}]"
    head_code = diagnostic.code
    if options.color:
        label = f"{COLORS[severity]}{label}{RESET}"
        head_code = f"{BOLD}{head_code}{RESET}"
    lines = [f"{where}  {head_code} {label}  {diagnostic.text(options.lang)}"]
    names = LABELS["en" if options.lang == "en" else "zh"]
    if diagnostic.related:
        for text, span, ref in diagnostic.related:
            if ref is None and span is not None:
                # Another place in the same draft (the first occurrence of a repeated sentence).
                if diagnostic.quote is not None:
                    lines.append(f"  {names['repeat']}  {visible(diagnostic.quote)}")
                lines.append(f"  {names['first']}  {file.path}:{span.line}:{span.column}  {visible(text)}")
                continue
            if diagnostic.details.get("nearest") and ref:  # YW105's "did you mean"
                lines.append(f"  {names['quote']}  {visible(text)}")
                lines.append(f"  {names['nearest']}  {source_visible(ref.text)}")
                lines += _labelled(names["cite"], ref.citation())
                continue
            lines.append(f"  {names['part']}  {visible(text)}")
            if ref:
                lines.append(f"  {names['source']}  {source_visible(ref.text)}")
                lines += _labelled(names["cite"], ref.citation())
        return lines
    if diagnostic.quote is not None and diagnostic.source is not None:
        quote_line, source_line = _marked_pair(diagnostic, options.color)
        lines.append(f"  {names['quote']}  {quote_line}")
        lines.append(f"  {names['source']}  {source_line}")
        lines += _labelled(names["cite"], diagnostic.source.citation())
    elif diagnostic.quote is not None:
        lines.append(f"  {names['quote']}  {visible(diagnostic.quote)}")
    elif diagnostic.span is not None and file.document is not None:
        # Every finding shows its words: a stutter's column alone does not say which 大 is doubled.
        marks = (RED_BG, RESET) if options.color else ("【", "】")
        lines.append(f"  {names['text']}  {excerpt(file.document.text, diagnostic.span.start, diagnostic.span.end, marks)}")
    return lines


def _labelled(label: str, value: str) -> list[str]:
    """A labelled line, or none when there is nothing to show (a user formulation without a source)."""
    return [f"  {label}  {value}"] if value.strip() else []


def _marked_pair(diagnostic: Diagnostic, color: bool) -> tuple[str, str]:
    """Quote and source with the differing characters bracketed (or coloured on a terminal)."""
    assert diagnostic.span is not None and diagnostic.source is not None
    quote = diagnostic.quote or ""
    base = diagnostic.span.start
    q_open, q_close = (RED_BG, RESET) if color else ("【", "】")
    s_open, s_close = (GREEN_BG, RESET) if color else ("【", "】")
    spans = sorted((e.quote_start - base, e.quote_end - base) for e in diagnostic.edits if e.quote)
    quote_marked = _bracket(quote, spans, q_open, q_close)
    source_marked = _bracket_source(diagnostic, s_open, s_close)
    return quote_marked, source_marked


def _bracket(text: str, spans: list[tuple[int, int]], open_mark: str, close_mark: str) -> str:
    out, cursor = [], 0
    for a, b in spans:
        if a < cursor or a < 0 or b > len(text):
            continue
        out += [visible(text[cursor:a]), open_mark, visible(text[a:b]), close_mark]
        cursor = b
    out.append(visible(text[cursor:]))
    return "".join(out)


def _bracket_source(diagnostic: Diagnostic, open_mark: str, close_mark: str) -> str:
    """Mark, in order, each edit's source text inside the source wording."""
    assert diagnostic.source is not None
    text = diagnostic.source.text
    out, cursor, shift = [], 0, 0
    base = diagnostic.span.start if diagnostic.span else 0
    for edit in diagnostic.edits:
        if not edit.source:
            shift -= len(edit.quote or "")
            continue
        # The occurrence nearest where the edit stands in the quote (青年兴则国家兴，青年强则【国家】强:
        # the second 国家, not the first).
        expected = max(0, edit.quote_start - base + shift) if edit.quote_start is not None else cursor
        places = [i for i in _occurrences(text, edit.source) if i >= cursor]
        if not places:
            continue
        found = min(places, key=lambda i: abs(i - expected))
        shift += len(edit.source) - len(edit.quote or "")
        out += [source_visible(text[cursor:found]), open_mark, source_visible(edit.source), close_mark]
        cursor = found + len(edit.source)
    out.append(source_visible(text[cursor:]))
    return "".join(out)


def _occurrences(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def source_visible(text: str) -> str:
    """A source's wording on one line: its line breaks (a poem's lines, a 词's stanzas) as ／."""
    return visible(text.replace("\r\n", "\n").replace("\n", "／"))
