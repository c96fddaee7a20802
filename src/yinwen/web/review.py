"""The review the page draws: the JSON report unchanged, plus the draft's text and what to mark where.

The report is the ``--format json`` contract, so the page shows exactly what ``yinwen check`` finds.
Beside it: the text (the report only points into it), one mark per quotation and per finding outside
a quotation, the quote/source diff of each finding, its full citation and the fix the page may apply.
Offsets stay in code points, as in the report.
"""

from __future__ import annotations

from yinwen.diagnostics import Diagnostic, Span
from yinwen.engine import FileReport, Report
from yinwen.match.records import Match

VERDICTS = ("verified", "misquote", "spliced", "misattributed", "unverified", "term")
# A finding outside a quotation is marked by what it is; inside one it belongs to the quotation's mark.
KIND_BY_CODE = {"YW201": "stutter", "YW202": "repeated", "YW203": "reuse", "YW301": "formulation"}
MARK_KINDS = ("stutter", "repeated", "reuse", "formulation", "other")
QUOTATION_CODES = ("YW003", "YW005")  # the too-long and invisible-character findings are about the quotation itself


def review_record(report: Report, file: FileReport, corpus, lang: str, suffix: str) -> dict:
    from yinwen.report.model import report_record

    document = file.document
    assert document is not None
    quotes = [_quote_extra(match, source, corpus) for match, source in zip(file.matches, file.sources)]
    findings = [_finding_extra(d, file.matches, corpus) for d in file.diagnostics]
    offered = _offered_fixes(file)
    for index, diagnostic in enumerate(file.diagnostics):
        offer = offered.get(id(diagnostic))
        if offer is not None:
            findings[index]["fix"] = {"start": offer.start, "end": offer.end, "text": offer.text}
            findings[index]["copy"] = offer.text
    marks = _marks(file)
    return {
        "report": report_record(report, lang),
        "name": file.path,
        "kind": suffix.lstrip(".") or "text",
        "text": document.text,
        "marks": marks,
        "quotes": quotes,
        "findings": findings,
        "counts": _counts(file, marks),
    }


def _quote_extra(match: Match, source, corpus) -> dict:
    from yinwen.report.cite import quote_citation

    return {"citation": quote_citation(match, source, corpus) if source is not None else None}


def _finding_extra(diagnostic: Diagnostic, matches: list[Match], corpus) -> dict:
    from yinwen.report.cite import citation_text, quote_citation
    from yinwen.report.html import diff_runs

    extra: dict = {"diff": None, "citation": None, "related": [], "fix": None, "copy": None}
    if diagnostic.source is not None:
        match = next((m for m in matches if diagnostic.span and (m.quote.start, m.quote.end)
                      == (diagnostic.span.start, diagnostic.span.end)), None)
        extra["citation"] = (quote_citation(match, diagnostic.source, corpus) if match is not None
                             else citation_text(diagnostic.source))
        extra["copy"] = diagnostic.source.text
        if diagnostic.quote is not None and diagnostic.span is not None and not diagnostic.related:
            quote_runs, source_runs = diff_runs(diagnostic)
            extra["diff"] = {"quote": quote_runs, "source": source_runs}
    for _text, _span, ref in diagnostic.related:
        extra["related"].append({"citation": citation_text(ref) if ref is not None else None})
    return extra


def _offered_fixes(file: FileReport) -> dict:
    """The fixes a writer may accept one by one — those every format offers and ``--fix`` applies
    (report/fixes.offers) — by the id of their finding."""
    from yinwen.report.fixes import offers_by_diagnostic

    return offers_by_diagnostic(file.document, file.diagnostics)


def _marks(file: FileReport) -> list[dict]:
    """One mark per quotation (with its findings) and one per finding that stands outside every quotation."""
    marks = []
    quote_marks = []
    for index, match in enumerate(file.matches):
        mark = {"kind": "quote", "quote": index, "start": match.quote.start, "end": match.quote.end,
                "verdict": match.verdict, "findings": []}  # the role, when the report has one, is in report.quotes
        marks.append(mark)
        quote_marks.append(mark)
    for index, diagnostic in enumerate(file.diagnostics):
        span = diagnostic.span
        if span is None:
            continue
        owner = _owning_quote(diagnostic, span, quote_marks)
        if owner is not None:
            owner["findings"].append(index)
            continue
        marks.append({"kind": KIND_BY_CODE.get(diagnostic.code, "other"), "start": span.start,
                      "end": max(span.end, span.start + 1), "severity": diagnostic.severity.label, "findings": [index]})
    marks.sort(key=lambda m: (m["start"], -m["end"]))
    return marks


def _owning_quote(diagnostic: Diagnostic, span: Span, quote_marks: list[dict]) -> dict | None:
    if not (diagnostic.code.startswith("YW1") or diagnostic.code in QUOTATION_CODES):
        return None
    inside = [m for m in quote_marks if m["start"] <= span.start and span.end <= m["end"]]
    return min(inside, key=lambda m: m["end"] - m["start"]) if inside else None


def _counts(file: FileReport, marks: list[dict]) -> dict[str, int]:
    """What the summary bar shows: quotations by verdict, other findings by kind, findings by severity."""
    counts = {verdict: sum(1 for m in file.matches if m.verdict == verdict) for verdict in VERDICTS}
    for kind in MARK_KINDS:
        counts[kind] = sum(1 for m in marks if m["kind"] == kind)
    for level in ("error", "warning", "info"):
        counts[level] = sum(1 for d in file.diagnostics if d.severity.label == level)
    return counts
