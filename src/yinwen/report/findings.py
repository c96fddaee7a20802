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
from yinwen.report.fixes import Offer, offers_by_diagnostic

STDIN_DISPLAY = "<stdin>"


@dataclass(frozen=True)
class Finding:
    file: FileReport
    diagnostic: Diagnostic
    offer: Offer | None = None  # the fix it offers: the one --fix applies (report/fixes.py)


def findings(report: Report) -> Iterator[Finding]:
    """Every diagnostic, sorted by path, then position, then code, with the fix it offers."""
    for file in sorted(report.files, key=lambda f: f.path):
        offered = offers_by_diagnostic(file.document, file.diagnostics)
        for diagnostic in sorted(file.diagnostics, key=lambda d: (*d.sort_key(), d.message)):
            yield Finding(file, diagnostic, offered.get(id(diagnostic)))


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
    """The fix as (start, end, new text) in code points, or None when the finding offers none. It is the
    one ``--fix`` applies: both come from ``fixes.offers``."""
    offer = finding.offer
    return None if offer is None else (offer.start, offer.end, offer.text)
