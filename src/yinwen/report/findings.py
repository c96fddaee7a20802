"""The findings of a report in one stable order, with what every machine format needs to locate them.

SARIF, GitHub annotations and rdjson all want the same thing: each diagnostic with its file, in an
order that does not depend on dictionaries or timing, so the same input gives byte-identical output.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from yinwen.diagnostics import Diagnostic
from yinwen.engine import FileReport, Report

STDIN_DISPLAY = "<stdin>"


@dataclass(frozen=True)
class Finding:
    file: FileReport
    diagnostic: Diagnostic


def findings(report: Report) -> Iterator[Finding]:
    """Every diagnostic, sorted by path, then position, then code."""
    for file in sorted(report.files, key=lambda f: f.path):
        for diagnostic in sorted(file.diagnostics, key=lambda d: (*d.sort_key(), d.message)):
            yield Finding(file, diagnostic)


def artifact_uri(path: str) -> str:
    """A relative URI reference for a displayed path (percent-encoded, forward slashes)."""
    posix = path.replace("\\", "/")
    if posix.startswith("./"):
        posix = posix[2:]
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def byte_column(file: FileReport, offset: int, column: int) -> int:
    """1-based column counted in UTF-8 bytes (what reviewdog expects), from a code-point offset."""
    document = file.document
    if document is None:
        return column
    line_start = offset - (column - 1)
    return len(document.text[line_start:offset].encode("utf-8")) + 1


def replacement(finding: Finding) -> tuple[int, int, str] | None:
    """The fix as (start, end, new text) in code points, or None when the rule offers none.

    A quotation rule's fix is the source wording for the quoted span. A stutter rule reports the
    second of two equal characters and suggests the single one; when the suggestion equals the
    text already under the span, the fix is to delete the span (the doubled copy).
    """
    diagnostic = finding.diagnostic
    span = diagnostic.span
    if diagnostic.fix is None or span is None:
        return None
    document = finding.file.document
    if document is not None and document.text[span.start:span.end] == diagnostic.fix:
        return span.start, span.end, ""
    return span.start, span.end, diagnostic.fix
