"""The report as plain data (the JSON contract); every machine format is built from this."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import astuple, dataclass

from yinwen import __version__
from yinwen.engine import FileReport, Report
from yinwen.match.records import TERM, UNVERIFIED, VERIFIED, Match
from yinwen.report.fixes import offers_by_diagnostic


def quote_record(file: FileReport, match: Match, source) -> dict:
    assert file.document is not None
    quote = match.quote
    return {
        "text": quote.text,
        "span": file.document.span(quote.start, quote.end).to_json(),
        "attribution": quote.attribution.to_json(),
        "role": quote.role,
        "verdict": match.verdict,
        "reason": match.reason,
        "source": source.to_json() if source else None,
        "similarity": match.similarity,
    }


def diagnostic_record(diagnostic, lang: str = "zh", verbose: bool = False, fix: str | None = None) -> dict:
    """One finding; ``fix`` is the text that replaces its span when it offers a fix (report/fixes.py)."""
    record = {
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.label,
        "message": diagnostic.text(lang),
        "span": diagnostic.span.to_json() if diagnostic.span else None,
        "source": diagnostic.source.to_json() if diagnostic.source else None,
        "edits": [edit.to_json() for edit in diagnostic.edits],
        "fix": fix,
    }
    if diagnostic.related:
        record["related"] = [
            {"quote": text, "span": span.to_json() if span else None, "source": ref.to_json() if ref else None}
            for text, span, ref in diagnostic.related
        ]
    details = {k: v for k, v in diagnostic.details.items() if k != "traceback" or verbose}
    if details:
        record["details"] = details
    return record


@dataclass(frozen=True)
class QuoteCounts:
    """Every quotation of a file in exactly one class: verified, flagged (it carries a finding), not found
    (in no source, and nothing reported: an unattributed quotation), or ignored (a finding deselected,
    suppressed or accepted by a baseline). ``others``: findings not about a quotation (YW201 …)."""

    quotes: int = 0
    verified: int = 0
    flagged: int = 0
    not_found: int = 0
    ignored: int = 0
    others: int = 0

    def __add__(self, other: QuoteCounts) -> QuoteCounts:
        return QuoteCounts(*(a + b for a, b in zip(astuple(self), astuple(other))))


def quote_counts(file: FileReport) -> QuoteCounts:
    quotes = [m for m in file.matches if m.verdict != TERM]
    about_quote = sorted((d.span.start, d.span.end) for d in file.diagnostics
                         if d.span is not None and (d.code.startswith("YW1") or d.code == "YW003"))
    starts = [start for start, _ in about_quote]

    def flagged(match: Match) -> bool:
        """A quotation finding lies within the quotation (found by bisection: drafts have thousands)."""
        first = bisect_left(starts, match.quote.start)
        return any(end <= match.quote.end for _, end in
                   about_quote[first:bisect_left(starts, match.quote.end, lo=first)])

    verified = sum(1 for m in quotes if m.verdict == VERIFIED)
    flagged_count = sum(1 for m in quotes if m.verdict != VERIFIED and flagged(m))
    not_found = sum(1 for m in quotes if m.verdict == UNVERIFIED and not flagged(m))
    others = len(file.diagnostics) - len(about_quote)
    return QuoteCounts(len(quotes), verified, flagged_count, not_found,
                       len(quotes) - verified - flagged_count - not_found, others)


def summary(report: Report) -> dict[str, int]:
    diagnostics = report.all_diagnostics()
    counts = sum((quote_counts(f) for f in report.files), QuoteCounts())
    return {
        "files": len(report.files),
        "unchecked_files": sum(1 for f in report.files if any(d.fails_run for d in f.diagnostics)),
        "quotes": counts.quotes,
        "verified": counts.verified,
        "flagged": counts.flagged,
        "not_found": counts.not_found,
        "ignored": counts.ignored,
        "errors": sum(1 for d in diagnostics if d.severity.label == "error"),
        "warnings": sum(1 for d in diagnostics if d.severity.label == "warning"),
        "infos": sum(1 for d in diagnostics if d.severity.label == "info"),
    }


def _offered_text(offered: dict, diagnostic) -> str | None:
    offer = offered.get(id(diagnostic))
    return None if offer is None else offer.text


def report_record(report: Report, lang: str = "zh", verbose: bool = False) -> dict:
    files = []
    for file in report.files:
        offered = offers_by_diagnostic(file.document, file.diagnostics)
        files.append({
            "path": file.path,
            "quotes": [quote_record(file, match, source) for match, source in zip(file.matches, file.sources)],
            "diagnostics": [diagnostic_record(d, lang, verbose, _offered_text(offered, d)) for d in file.diagnostics],
        })
    return {
        "version": 1,
        "tool": {"name": "yinwen", "version": __version__},
        "corpus": {"sources": report.corpus_sources, "chars": report.corpus_chars,
                   "fingerprint": report.corpus_fingerprint},
        "files": files,
        "summary": summary(report),
    }
