"""One snapshot per machine format over one shared set of hand-built reports: empty, findings,
internal error. Hand-built so the snapshots change only when a format changes, not when matching
improves. Regenerate after a deliberate format change with YINWEN_UPDATE_SNAPSHOTS=1 and review
the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
TEXT = "第一行。\n习近平总书记强调：“以斗争求安全则安全存，以软弱退让求安全则安全亡”，要认真学习二十大大报告。\n"
PATH = "docs/发言,草稿 1.md"


def _reports():
    from yinwen.diagnostics import Diagnostic, Edit, Severity, SourceRef
    from yinwen.engine import FileReport, Report, internal_error
    from yinwen.text.document import Document

    document = Document.from_text(PATH, TEXT)
    quote = "以斗争求安全则安全存，以软弱退让求安全则安全亡"
    q_start = TEXT.index(quote)
    source = SourceRef(id="xi-2022-10-23", title="为实现党的二十大确定的目标任务而团结奋斗", speaker="习近平",
                       date="2022-10-23", locator="第18段", text="以斗争求安全则安全存，以妥协求安全则安全亡")
    stutter = TEXT.index("大大") + 1
    misquote = Diagnostic(
        code="YW101", rule="misquote", severity=Severity.ERROR, message="引文与原文不符（改动1处）",
        message_en="quotation differs from its source (1 edit)", span=document.span(q_start, q_start + len(quote)),
        source=source, edits=(Edit("replace", "软弱退让", "妥协", q_start + 12, q_start + 16),),
        fix=source.text, quote=quote,
    )
    doubled = Diagnostic(code="YW201", rule="duplicated-word", severity=Severity.WARNING, message="“大”字重复",
                         message_en="“大” is doubled", span=document.span(stutter, stutter + 1), fix="")
    too_large = Diagnostic(code="YW003", rule="too-large", severity=Severity.ERROR,
                           message="文件过大，未核对", message_en="file too large; not checked", span=None)
    findings = Report([FileReport(PATH, diagnostics=[misquote, doubled], document=document),
                       FileReport("big.txt", diagnostics=[too_large])], 3, 100, "f" * 64)
    crash = internal_error(PATH, "YW201 duplicated-word", RuntimeError("boom"))
    crashed = Report([FileReport(PATH, diagnostics=[crash, misquote], document=document)], 3, 100, "f" * 64)
    empty = Report([FileReport("clean.txt", document=Document.from_text("clean.txt", "无引文。\n"))], 3, 100, "f" * 64)
    return {"empty": empty, "findings": findings, "internal-error": crashed}


def _stable(name: str, rendered: str) -> str:
    """Parts owned by other modules (the rule list, the version) are checked elsewhere."""
    if name != "sarif":
        return rendered
    document = json.loads(rendered)
    driver = document["runs"][0]["tool"]["driver"]
    driver["rules"] = sorted({r["ruleId"] for r in document["runs"][0]["results"]})
    driver["version"] = driver["semanticVersion"] = "VERSION"
    for result in document["runs"][0]["results"]:
        result.pop("ruleIndex", None)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("case", ["empty", "findings", "internal-error"])
@pytest.mark.parametrize("name", ["sarif", "github", "rdjson"])
def test_snapshot(name, case):
    from yinwen.report import RenderOptions, formatter

    rendered = _stable(name, formatter(name)(_reports()[case], RenderOptions(lang="zh")))
    path = SNAPSHOTS / f"{case}.{name}"
    if os.environ.get("YINWEN_UPDATE_SNAPSHOTS"):
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"missing snapshot {path.name}: run with YINWEN_UPDATE_SNAPSHOTS=1 and review it"
    assert rendered == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["empty", "findings", "internal-error"])
def test_snapshot_reports_give_valid_sarif(case):
    import jsonschema

    from tests.test_formats import SCHEMA
    from yinwen.report import RenderOptions, formatter

    jsonschema.validate(json.loads(formatter("sarif")(_reports()[case], RenderOptions())), SCHEMA)
