"""Inline suppressions and the baseline (issue 6, suppressions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._cli import MISQUOTE_TEXT, WARNING_TEXT, run_cli
from tests.conftest import SEED


def codes(report) -> list[str]:
    return [d.code for d in report.diagnostics]


def test_markdown_disable_next_line(check_text):
    assert codes(check_text(MISQUOTE_TEXT, path="a.md")) == ["YW101"]
    marked = "<!-- yinwen-disable-next-line YW101 -->\n" + MISQUOTE_TEXT
    assert codes(check_text(marked, path="a.md")) == []
    other = "<!-- yinwen-disable-next-line YW105 -->\n" + MISQUOTE_TEXT
    assert codes(check_text(other, path="a.md")) == ["YW101"], "only the named rule is suppressed"
    by_name = "<!-- yinwen-disable-next-line misquote -->\n" + MISQUOTE_TEXT
    assert codes(check_text(by_name, path="a.md")) == []
    gap = "<!-- yinwen-disable-next-line YW101 -->\n\n" + MISQUOTE_TEXT
    assert codes(check_text(gap, path="a.md")) == ["YW101"], "only the very next line"


def test_markdown_block_and_same_line(check_text):
    block = "<!-- yinwen-disable YW101 -->\n" + MISQUOTE_TEXT + "<!-- yinwen-enable YW101 -->\n" + MISQUOTE_TEXT
    report = check_text(block, path="a.md")
    assert codes(report) == ["YW101"] and report.diagnostics[0].span.line == 4
    same = MISQUOTE_TEXT.rstrip("\n") + "<!-- yinwen-disable-line -->\n" + WARNING_TEXT
    assert codes(check_text(same, path="a.md")) == ["YW201"]


def test_text_ignore_marker_same_line_and_line_before(check_text):
    same_line = MISQUOTE_TEXT.rstrip("\n") + "  yinwen: ignore[YW101]\n" + WARNING_TEXT
    assert codes(check_text(same_line)) == ["YW201"]
    line_before = "# yinwen: ignore[YW101, YW201]\n" + MISQUOTE_TEXT + WARNING_TEXT
    assert codes(check_text(line_before)) == ["YW201"], "a marker alone covers the next line only"
    everything = WARNING_TEXT.rstrip("\n") + "yinwen: ignore\n"
    assert codes(check_text(everything)) == []


def test_seed_findings_can_be_suppressed_one_by_one(check_text):
    text = SEED.read_text(encoding="utf-8")
    before = check_text(text, path=str(SEED))
    target = next(d for d in before.diagnostics if d.code == "YW101")
    lines = text.split("\n")
    lines.insert(target.span.line - 1, "<!-- yinwen-disable-next-line YW101 -->")
    after = check_text("\n".join(lines), path="seed.md")
    assert len(after.diagnostics) == len(before.diagnostics) - 1
    assert target.quote not in [d.quote for d in after.diagnostics]


def test_internal_errors_are_never_suppressed(check_text, monkeypatch):
    from yinwen.rules import registry

    def explode(self, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(registry()["YW201"], "check", explode)
    report = check_text("yinwen: ignore\n" + WARNING_TEXT.rstrip("\n") + " yinwen: ignore\n")
    assert codes(report) == ["YW000"]


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_baseline_accepts_reviewed_findings_and_survives_edits_elsewhere(project: Path):
    written = run_cli("check", "docs", "--write-baseline", "yinwen-baseline.json")
    assert written.code == 0 and written.stdout == ""
    baseline = json.loads((project / "yinwen-baseline.json").read_text(encoding="utf-8"))
    current = json.loads(run_cli("check", "docs", "--format", "json").stdout)
    assert sum(entry["count"] for entry in baseline["findings"]) == len(current["files"][0]["diagnostics"])
    assert all("line" not in entry for entry in baseline["findings"])
    assert run_cli("check", "docs").code == 1
    assert run_cli("check", "docs", "--baseline", "yinwen-baseline.json").code == 0
    # Edits elsewhere move every finding down; the baseline still matches them.
    seed = project / "docs" / "seed.txt"
    seed.write_text("新增的开头一段。\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", "docs", "--baseline", "yinwen-baseline.json", "--format", "json")
    assert result.code == 0 and json.loads(result.stdout)["summary"]["errors"] == 0
    # A new misquote is reported, and only it.
    seed.write_text(seed.read_text(encoding="utf-8") + MISQUOTE_TEXT, encoding="utf-8")
    result = run_cli("check", "docs", "--baseline", "yinwen-baseline.json", "--format", "json")
    assert result.code == 1
    (diagnostic,) = [d for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]
    assert diagnostic["code"] == "YW101"
    assert [(e["quote"], e["source"]) for e in diagnostic["edits"]] == [("软弱退让", "妥协")]


def test_baseline_works_from_another_directory(project: Path, monkeypatch):
    run_cli("check", "docs", "--write-baseline", "yinwen-baseline.json")
    monkeypatch.chdir(project / "docs")
    assert run_cli("check", ".").code == 1
    assert run_cli("check", ".", "--baseline", "../yinwen-baseline.json").code == 0


def test_baseline_counts_repeated_findings(project: Path):
    draft = project / "docs" / "twice.txt"
    draft.write_text(MISQUOTE_TEXT, encoding="utf-8")
    run_cli("check", str(draft), "--write-baseline", "b.json")
    draft.write_text(MISQUOTE_TEXT + "\n" + MISQUOTE_TEXT, encoding="utf-8")
    result = run_cli("check", str(draft), "--baseline", "b.json", "--format", "json")
    assert result.code == 1 and len(json.loads(result.stdout)["files"][0]["diagnostics"]) == 1


def test_baseline_from_config(project: Path):
    run_cli("check", "docs", "--write-baseline", "reviewed.json")
    (project / "yinwen.toml").write_text('baseline = "reviewed.json"\n', encoding="utf-8")
    assert run_cli("check", "docs").code == 0


@pytest.mark.parametrize("content", [None, "not json", '{"version": 7, "findings": []}', '{"version": 1, "findings": [3]}'])
def test_bad_baseline_is_a_one_line_error(project: Path, content):
    path = project / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run_cli("check", "docs", "--baseline", "b.json")
    assert result.code == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr and "b.json" in result.stderr
