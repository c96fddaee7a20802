"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

GitHub shows each ``::error``/``::warning``/``::notice`` line on the changed line of the pull request.
Property values and messages are escaped as the runner expects (``%``, CR, LF, and in properties
``:`` and ``,``), so a Chinese comma or a newline in a message cannot break the command.
"""

from __future__ import annotations

from yinwen.engine import Report
from yinwen.messages import in_lang
from yinwen.report import RenderOptions
from yinwen.report.findings import findings, replacement

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for finding in findings(report):
        diagnostic = finding.diagnostic
        properties = [f"file={escape_property(finding.file.path)}"]
        if diagnostic.span is not None:
            span = diagnostic.span
            properties += [f"line={span.line}", f"col={span.column}",
                           f"endLine={span.end_line}", f"endColumn={span.end_column}"]
        properties.append(f"title={escape_property(diagnostic.code)}")
        message = diagnostic.text(options.lang)
        if diagnostic.source is not None:
            label = ("source", "cited") if options.lang == "en" else ("原文", "出处")
            message += f"\n{label[0]}：{diagnostic.source.text}"
            if diagnostic.source.citation():  # a user formulation may name no source
                message += f"\n{label[1]}：{diagnostic.source.citation()}"
        change = replacement(finding)
        if change is not None:
            start, end, new = change
            old = finding.file.document.text[start:end] if finding.file.document is not None else ""
            if options.lang == "en":
                message += f"\nfix: {new}" if new else f"\nfix: delete “{old}”"
            else:
                message += f"\n建议：{new}" if new else f"\n建议：删除“{old}”"
        lines.append(f"::{COMMANDS[diagnostic.severity.label]} {','.join(properties)}::{escape_data(message)}")
    for message in report.usage_errors:
        lines.append(f"::error title=yinwen::{escape_data(in_lang(message, options.lang))}")
    return "".join(line + "\n" for line in lines)
