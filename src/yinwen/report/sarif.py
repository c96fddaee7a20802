"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Columns are Unicode code points (``columnKind``), as in every yinwen span. Each result points at the
quote; ``relatedLocations`` name the source passage as a logical location (title and locator), since
the corpus is not a file in the checked repository. A rule with a fix offers it as a replacement of
the quoted text. No timestamps or absolute paths, so the output is deterministic.
"""

from __future__ import annotations

import json

from yinwen import __version__
from yinwen.config.baseline import fingerprint
from yinwen.diagnostics import Diagnostic, SourceRef
from yinwen.engine import Report
from yinwen.messages import in_lang
from yinwen.report import RenderOptions
from yinwen.report.findings import Finding, artifact_uri, findings, replacement

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/yinwen/yinwen"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, options: RenderOptions) -> str:
    from yinwen.rules import registry

    rules = registry()
    codes = list(rules)
    results = [_result(finding, codes, options) for finding in findings(report)]
    notifications = [_notification(finding, options) for finding in findings(report)
                     if finding.diagnostic.code == "YW000"]
    invocation: dict = {"executionSuccessful": not report.failed()}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if report.usage_errors:
        invocation["toolConfigurationNotifications"] = [
            {"level": "error", "message": {"text": in_lang(message, options.lang)}} for message in report.usage_errors
        ]
    run = {
        "tool": {
            "driver": {
                "name": "yinwen",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule, options) for rule in rules.values()],
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the directory yinwen was run from"}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _descriptor(rule, options: RenderOptions) -> dict:
    bad, good = rule.examples()
    summary = rule.summary_en if options.lang == "en" and rule.summary_en else rule.summary
    doc = rule.doc()
    markdown = f"**{rule.code} {rule.name}** — {summary}\n\n{doc}"
    if bad or good:
        markdown += f"\n\nBad:\n\n    {bad}\n\nGood:\n\n    {good}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary or rule.name},
        "fullDescription": {"text": doc.split("\n", 1)[0] if doc else summary},
        "help": {"text": doc or summary, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity.label]},
        "properties": {"tags": ["quotation" if rule.code >= "YW100" else "input"]},
    }


def _location(finding: Finding) -> dict:
    diagnostic = finding.diagnostic
    physical: dict = {"artifactLocation": _artifact(finding.file.path)}
    if diagnostic.span is not None:
        span = diagnostic.span
        physical["region"] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
            "charOffset": span.start,
            "charLength": span.end - span.start,
        }
        if diagnostic.quote:
            physical["region"]["snippet"] = {"text": diagnostic.quote}
    return {"physicalLocation": physical}


def _artifact(path: str) -> dict:
    """Relative paths resolve against %SRCROOT% (the checkout); absolute ones are file:// URIs."""
    uri = artifact_uri(path)
    return {"uri": uri} if uri.startswith("file://") else {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _source_location(ref: SourceRef, index: int, label: str) -> dict:
    """The source passage as a logical location: the corpus is not part of the checked repository."""
    return {
        "id": index,
        "logicalLocations": [{
            "name": ref.title or ref.id,
            "fullyQualifiedName": f"{ref.id}#{ref.locator}" if ref.locator else ref.id,
            "kind": "resource",
        }],
        "message": {"text": f"{label}{ref.citation()}：{ref.text}" if ref.citation() else f"{label}{ref.text}"},
    }


def _result(finding: Finding, codes: list[str], options: RenderOptions) -> dict:
    diagnostic = finding.diagnostic
    result: dict = {
        "ruleId": diagnostic.code,
        "level": LEVELS[diagnostic.severity.label],
        "message": {"text": _message(diagnostic, options)},
        "locations": [_location(finding)],
        # Code scanning already keys alerts by file, so the fingerprint is the content alone.
        "partialFingerprints": {"yinwenContent/v1": fingerprint("", diagnostic, finding.file.document)},
    }
    if diagnostic.code in codes:
        result["ruleIndex"] = codes.index(diagnostic.code)
    related = []
    if diagnostic.source is not None:
        related.append(_source_location(diagnostic.source, 1, "原文 " if options.lang != "en" else "source "))
    for text, _span, ref in diagnostic.related:
        if ref is not None:
            related.append(_source_location(ref, len(related) + 1, f"{text} ← "))
    if related:
        result["relatedLocations"] = related
    change = replacement(finding)
    if change is not None:
        result["fixes"] = [_fix(finding, change, options)]
    return result


def _message(diagnostic: Diagnostic, options: RenderOptions) -> str:
    text = diagnostic.text(options.lang)
    if diagnostic.source is not None:
        label = "source: " if options.lang == "en" else "原文："
        text += f"\n{label}{diagnostic.source.text}"
        if diagnostic.source.citation():  # a user formulation may name no source
            text += f"\n{diagnostic.source.citation()}"
    return text


def _fix(finding: Finding, change: tuple[int, int, str], options: RenderOptions) -> dict:
    start, end, text = change
    old = finding.file.document.text[start:end] if finding.file.document is not None else ""
    if options.lang == "en":
        description = f"replace “{old}” with “{text}”" if text else f"delete “{old}”"
    else:
        description = f"将“{old}”改为“{text}”" if text else f"删除“{old}”"
    return {
        "description": {"text": description},
        "artifactChanges": [{
            "artifactLocation": _artifact(finding.file.path),
            "replacements": [{
                "deletedRegion": {"charOffset": start, "charLength": end - start},
                "insertedContent": {"text": text},
            }],
        }],
    }


def _notification(finding: Finding, options: RenderOptions) -> dict:
    diagnostic = finding.diagnostic
    return {
        "level": "error",
        "message": {"text": f"{finding.file.path}: {diagnostic.text(options.lang)}"},
        "descriptor": {"id": diagnostic.code},
    }

