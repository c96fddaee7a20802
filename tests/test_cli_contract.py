"""The CLI contract a CI relies on: exit codes, stdout holds only the report, no tracebacks,
stdin equals the file, and a crashing rule becomes YW000 (issue 6, contract tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, WARNING_TEXT, run_cli
from tests.conftest import ROOT, SEED

FORMATS = ["text", "json", "sarif", "github", "rdjson"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("drafts")
    (root / "clean.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    (root / "misquote.txt").write_text(MISQUOTE_TEXT, encoding="utf-8")
    (root / "warning.txt").write_text(WARNING_TEXT, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (root / "bad.toml").write_text("selct = 1\n", encoding="utf-8")
    return root


@pytest.fixture()
def crashing_rule(monkeypatch):
    from yinwen.rules import registry

    def explode(self, ctx):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(registry()["YW201"], "check", explode)


# (arguments, expected exit code, why). Paths are relative to the drafts directory.
CASES = [
    (["clean.txt"], 0, "clean"),
    (["misquote.txt"], 1, "an error finding"),
    (["misquote.txt", "--exit-zero"], 0, "--exit-zero turns 1 into 0"),
    (["warning.txt"], 0, "a warning is below the default fail-on"),
    (["warning.txt", "--fail-on", "warning"], 1, "fail-on warning"),
    (["warning.txt", "--fail-on", "warning", "--exit-zero"], 0, "--exit-zero"),
    (["missing.txt"], 2, "a missing named path"),
    (["misquote.txt", "missing.txt"], 2, "usage error wins over findings"),
    (["missing.txt", "--exit-zero"], 2, "--exit-zero does not hide usage errors"),
    (["binary.txt"], 2, "a named binary file cannot be checked: YW002 fails the run"),
    (["binary.txt", "--select", "YW1"], 2, "input problems are reported whatever --select says"),
    (["binary.txt", "--ignore", "YW002"], 0, "only --ignore silences an input problem"),
    (["clean.txt", "--format", "nope"], 2, "unknown format"),
    (["clean.txt", "--lang", "fr"], 2, "unknown language"),
    (["clean.txt", "--fail-on", "fatal"], 2, "bad option value"),
    (["clean.txt", "--select", "YW999"], 2, "unknown rule"),
    (["clean.txt", "--config", "bad.toml"], 2, "bad config"),
    (["clean.txt", "--config", "none.toml"], 2, "missing config"),
    (["clean.txt", "--baseline", "none.json"], 2, "missing baseline"),
    (["clean.txt", "--corpus", "no-such-dir"], 2, "missing corpus"),
    ([], 2, "no paths"),
]


@pytest.mark.parametrize(("args", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_exit_codes(drafts, monkeypatch, args, expected, why):
    monkeypatch.chdir(drafts)
    result = run_cli("check", *args)
    assert result.code == expected, (why, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["misquote.txt"], 2),
    (["misquote.txt", "--exit-zero"], 2),
    (["clean.txt"], 2),
])
def test_internal_error_wins(drafts, monkeypatch, crashing_rule, args, expected):
    monkeypatch.chdir(drafts)
    result = run_cli("check", *args)
    assert result.code == expected
    assert "Traceback" not in result.stdout + result.stderr


def test_crashing_rule_becomes_yw000_and_the_others_still_report(drafts, monkeypatch, crashing_rule):
    monkeypatch.chdir(drafts)
    result = run_cli("check", "misquote.txt", "warning.txt", "--format", "json")
    diagnostics = {f["path"]: [d["code"] for d in f["diagnostics"]] for f in json.loads(result.stdout)["files"]}
    assert diagnostics == {"misquote.txt": ["YW000", "YW101"], "warning.txt": ["YW000"]}
    assert result.code == 2
    verbose = run_cli("check", "misquote.txt", "--verbose")
    assert "Traceback" in verbose.stderr and "rule exploded" in verbose.stderr


@pytest.mark.parametrize("output_format", FORMATS)
def test_stdout_holds_only_the_report(drafts, monkeypatch, output_format):
    monkeypatch.chdir(drafts)
    result = run_cli("check", "misquote.txt", "missing.txt", "--format", output_format)
    assert result.code == 2
    assert "missing.txt" in result.stderr
    if output_format in ("json", "sarif", "rdjson"):
        document = json.loads(result.stdout)
        if output_format == "sarif":
            import jsonschema

            from tests.test_formats import SCHEMA

            jsonschema.validate(document, SCHEMA)
            assert document["runs"][0]["invocations"][0]["executionSuccessful"] is False
    if output_format == "github":
        assert all(line.startswith("::") for line in result.stdout.splitlines())
    assert not any(line.startswith("yinwen:") for line in result.stdout.splitlines())


@pytest.mark.parametrize("output_format", ["json", "sarif", "github", "rdjson"])
def test_stdin_gives_the_same_diagnostics_as_the_file(output_format, monkeypatch):
    monkeypatch.chdir(ROOT)
    data = SEED.read_bytes()
    relative = SEED.relative_to(ROOT).as_posix()
    from_file = run_cli("check", relative, "--format", output_format)
    from_stdin = run_cli("check", "-", "--format", output_format, input=data)
    assert from_file.code == from_stdin.code == 1
    assert from_stdin.stdout.replace("%3Cstdin%3E", relative).replace("<stdin>", relative) == from_file.stdout


@pytest.mark.parametrize("args", [
    ["check", "/no/such/file.txt"],
    ["check", "x.txt", "--format", "xml"],
    ["check", "x.txt", "--max-size", "lots"],
    ["rule", "YW999"],
    ["check", "--definitely-not-an-option"],
    ["config", "--config", "/no/such/yinwen.toml"],
])
def test_no_traceback_for_user_errors_in_a_real_process(args, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "yinwen", *args], capture_output=True, cwd=tmp_path, env=env,
                          timeout=60)
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr + done.stdout
    assert b"yinwen:" not in done.stdout
    assert done.stderr.strip()
