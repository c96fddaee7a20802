"""The report as plain data (the JSON contract); every machine format is built from this."""

from __future__ import annotations

from yinwen import __version__
from yinwen.engine import FileReport, Report
from yinwen.match.records import VERIFIED, Match


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


def diagnostic_record(diagnostic, lang: str = "zh", verbose: bool = False) -> dict:
    record = {
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.label,
        "message": diagnostic.text(lang),
        "span": diagnostic.span.to_json() if diagnostic.span else None,
        "source": diagnostic.source.to_json() if diagnostic.source else None,
        "edits": [edit.to_json() for edit in diagnostic.edits],
        "fix": diagnostic.fix,
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


def summary(report: Report) -> dict[str, int]:
    diagnostics = report.all_diagnostics()
    matches = [m for f in report.files for m in f.matches]
    return {
        "files": len(report.files),
        "quotes": sum(1 for m in matches if m.verdict != "term"),
        "verified": sum(1 for m in matches if m.verdict == VERIFIED),
        "errors": sum(1 for d in diagnostics if d.severity.label == "error"),
        "warnings": sum(1 for d in diagnostics if d.severity.label == "warning"),
        "infos": sum(1 for d in diagnostics if d.severity.label == "info"),
    }


def report_record(report: Report, lang: str = "zh", verbose: bool = False) -> dict:
    files = []
    for file in report.files:
        files.append({
            "path": file.path,
            "quotes": [quote_record(file, match, source) for match, source in zip(file.matches, file.sources)],
            "diagnostics": [diagnostic_record(d, lang, verbose) for d in file.diagnostics],
        })
    return {
        "version": 1,
        "tool": {"name": "yinwen", "version": __version__},
        "corpus": {"sources": report.corpus_sources, "chars": report.corpus_chars,
                   "fingerprint": report.corpus_fingerprint},
        "files": files,
        "summary": summary(report),
    }
