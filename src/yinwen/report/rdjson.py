"""``--format rdjson``: reviewdog's Diagnostic Format (one JSON document), for ``reviewdog -f=rdjson``.

reviewdog counts columns in UTF-8 bytes, not code points, so columns are converted here from the
span's code-point offsets; a fix becomes a suggestion replacing the quoted text.
"""

from __future__ import annotations

import json

from yinwen.engine import Report
from yinwen.report import RenderOptions
from yinwen.report.findings import Finding, byte_column, findings, replacement

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def render(report: Report, options: RenderOptions) -> str:
    document = {
        "source": {"name": "yinwen", "url": "https://github.com/yinwen/yinwen"},
        "diagnostics": [_diagnostic(finding, options) for finding in findings(report)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _range(finding: Finding) -> dict | None:
    span = finding.diagnostic.span
    if span is None:
        return None
    end_offset_column = byte_column(finding.file, span.end, span.end_column)
    return {
        "start": {"line": span.line, "column": byte_column(finding.file, span.start, span.column)},
        "end": {"line": span.end_line, "column": end_offset_column},
    }


def _diagnostic(finding: Finding, options: RenderOptions) -> dict:
    diagnostic = finding.diagnostic
    message = diagnostic.text(options.lang)
    if diagnostic.source is not None:
        cited = f"（{diagnostic.source.citation()}）" if diagnostic.source.citation() else ""
        message += f"\n{'source' if options.lang == 'en' else '原文'}：{diagnostic.source.text}{cited}"
    location: dict = {"path": finding.file.path}
    text_range = _range(finding)
    if text_range is not None:
        location["range"] = text_range
    record: dict = {
        "message": message,
        "location": location,
        "severity": SEVERITIES[diagnostic.severity.label],
        "code": {"value": diagnostic.code},
    }
    change = replacement(finding)
    if change is not None and text_range is not None:
        record["suggestions"] = [{"range": text_range, "text": change[2]}]
    return record
