"""The GitHub Action, run step by step without a workflow runner (tests/action_harness.py): each format's
path, a config error, an input that cannot be checked, an unknown format — with the exit code, the files
the upload step would read, which steps run, and every line of the job log in the job's language
(issues 6 and 19, item 8)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT
from tests._lang import CJK, english_lines
from tests.action_harness import ACTION, run_action, shim


@pytest.fixture()
def work(tmp_path) -> Path:
    folder = tmp_path / "work"
    (folder / "docs").mkdir(parents=True)
    return folder


@pytest.fixture()
def bin_dir(tmp_path) -> Path:
    return shim(tmp_path / "bin")


@pytest.mark.parametrize(("text", "expected"), [(MISQUOTE_TEXT, 1), (CLEAN_TEXT, 0)], ids=["misquote", "clean"])
@pytest.mark.parametrize("output_format", ["sarif", "github", "SARIF", "GitHub"])
def test_each_format_reports_and_fails_the_job_on_findings(work, bin_dir, output_format, text, expected):
    (work / "docs" / "speech.md").write_text(text, encoding="utf-8")
    job = run_action(work, bin_dir, paths="docs/", format=output_format)
    check = job.step("check")
    assert check.code == 0 and check.outputs["exit-code"] == str(expected)
    sarif = output_format.lower() == "sarif"
    assert job.step("upload").ran == sarif and job.step("upload").code == 0
    if sarif:
        results = json.loads((work / "yinwen.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
        assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == \
            ({"docs/speech.md"} if expected else set())
    else:
        assert ("::error file=docs/speech.md,line=1," in check.stdout) == bool(expected)
        assert not (work / "yinwen.sarif").exists()
    explain = job.step("explain")
    assert explain.ran and explain.code == expected and job.failed == bool(expected)
    assert english_lines(job.log()) == []


@pytest.mark.parametrize("output_format", ["sarif", "github"])
def test_a_config_error_writes_no_empty_sarif_and_is_explained(work, bin_dir, output_format):
    (work / "docs" / "speech.md").write_text(MISQUOTE_TEXT, encoding="utf-8")
    (work / "yinwen.toml").write_text('selct = ["YW101"]\n', encoding="utf-8")
    job = run_action(work, bin_dir, paths="docs/", format=output_format)
    check = job.step("check")
    assert check.outputs["exit-code"] == "2"
    assert not (work / "yinwen.sarif").exists() and not list(work.glob("*.partial"))  # no empty SARIF
    assert not job.step("upload").ran
    explain = job.step("explain")
    assert explain.ran and explain.code == 2 and job.failed
    assert "::error title=yinwen::yinwen 未能完成核对（退出码 2" in explain.stdout
    assert "配置错误" in check.stderr and "selct" in check.stderr
    assert english_lines(job.log()) == []


def test_the_explanation_runs_even_when_the_upload_fails(work, bin_dir, monkeypatch):
    """codeql-action's upload can fail on its own (permissions, rate limits): the exit code is still explained."""
    import tests.action_harness as harness

    (work / "docs" / "speech.md").write_text(MISQUOTE_TEXT, encoding="utf-8")
    monkeypatch.setattr(harness, "_upload", lambda name, sarif: harness.StepRun(name, True, 1, stderr="403"))
    job = run_action(work, bin_dir, paths="docs/", format="sarif")
    assert job.step("upload").code == 1
    assert job.step("explain").ran and job.step("explain").code == 1


def test_an_input_that_cannot_be_checked_fails_the_job_with_a_valid_report(work, bin_dir):
    (work / "docs" / "speech.md").write_text(CLEAN_TEXT, encoding="utf-8")
    with zipfile.ZipFile(work / "docs" / "broken.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    job = run_action(work, bin_dir, paths="docs/", format="sarif")
    assert job.step("check").outputs["exit-code"] == "2"
    run = json.loads((work / "yinwen.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["YW001"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert job.step("upload").ran and job.step("upload").code == 0  # the report is uploaded …
    assert job.step("explain").code == 2 and job.failed  # … and the job still fails


@pytest.mark.parametrize("output_format", ["html", "json", "sarif-github", ""])
def test_an_unknown_format_is_rejected_not_turned_into_github(work, bin_dir, output_format):
    (work / "docs" / "speech.md").write_text(MISQUOTE_TEXT, encoding="utf-8")
    job = run_action(work, bin_dir, paths="docs/", format=output_format)
    check = job.step("check")
    assert check.outputs == {"exit-code": "2", "sarif": "false"}
    assert "::error title=yinwen::format 输入" in check.stdout and "可用 sarif 或 github" in check.stdout
    assert "YW101" not in check.stdout  # yinwen did not run
    assert not job.step("upload").ran
    assert job.step("explain").code == 2 and job.failed


def test_lang_en_gives_an_english_job_log(work, bin_dir):
    (work / "docs" / "speech.md").write_text(MISQUOTE_TEXT, encoding="utf-8")
    (work / "yinwen.toml").write_text('selct = ["YW101"]\n', encoding="utf-8")
    job = run_action(work, bin_dir, paths="docs/", format="github", lang="en")
    assert "config error:" in job.step("check").stderr
    assert "yinwen could not complete the check (exit code 2" in job.step("explain").stdout
    assert not [line for line in job.log().splitlines() if CJK.search(line.replace("Check quotations", ""))]


def test_fail_on_input_overrides_the_config_only_when_given(work, bin_dir):
    (work / "docs" / "speech.md").write_text("认真学习党的二十大大报告。\n", encoding="utf-8")
    (work / "yinwen.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    for fail_on, expected in (("", "1"), ("error", "0")):
        job = run_action(work, bin_dir, paths="docs/", **{"fail-on": fail_on})
        assert job.step("check").outputs["exit-code"] == expected, fail_on


def test_action_wires_inputs_through_the_environment():
    """Inputs reach the shell only as environment variables, never spliced into the script."""
    for step in ACTION["runs"]["steps"]:
        assert "${{ inputs." not in step.get("run", "")
    upload = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "upload")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "always()" in upload["if"]
    explain = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "explain")
    assert "always()" in explain["if"]
