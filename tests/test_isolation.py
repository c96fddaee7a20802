"""Isolation (issue 8): a rule or a file that raises becomes YW000 naming it; everything else still reports.

Exit code 2; the traceback appears only with --verbose (on stderr and in the JSON details).
"""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, SEED
from yinwen.cli.app import app

DRAFT = FIXTURES / "bad-input" / "utf8.txt"


def run(*args: str):
    result = CliRunner().invoke(app, ["check", "--lang", "en", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def broken_stutter_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from yinwen.rules.stutter import DuplicatedWord

    def check(self, ctx):
        raise ValueError(f"boom in {ctx.document.path}")

    monkeypatch.setattr(DuplicatedWord, "check", check)


def test_a_crashing_rule_is_named_and_the_other_rules_still_report(broken_stutter_rule) -> None:
    result = run("--format", "json", str(SEED), str(DRAFT))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    for file in report["files"]:
        (internal,) = [d for d in file["diagnostics"] if d["code"] == "YW000"]
        assert internal["details"]["where"] == "YW201 duplicated-word"
        assert internal["details"]["file"] == file["path"]
        assert "ValueError: boom in" in internal["message"]
        assert "traceback" not in internal["details"]
        # The misquote rule ran anyway (the seed has three YW101, the fixture one).
        assert "YW101" in [d["code"] for d in file["diagnostics"]]
    assert "Traceback" not in result.stderr


def test_traceback_only_with_verbose(broken_stutter_rule) -> None:
    quiet = run(str(DRAFT))
    assert quiet.exit_code == 2
    assert "YW000" in quiet.stdout and "YW201 duplicated-word" in quiet.stdout
    assert "Traceback" not in quiet.stdout + quiet.stderr
    loud = run("--verbose", str(DRAFT))
    assert loud.exit_code == 2
    assert "Traceback (most recent call last)" in loud.stderr and "ValueError: boom" in loud.stderr
    verbose_json = json.loads(run("--verbose", "--format", "json", str(DRAFT)).stdout)
    (internal,) = [d for d in verbose_json["files"][0]["diagnostics"] if d["code"] == "YW000"]
    assert "Traceback (most recent call last)" in internal["details"]["traceback"]


def test_internal_error_wins_over_exit_zero_and_fail_on(broken_stutter_rule) -> None:
    assert run("--exit-zero", str(DRAFT)).exit_code == 2
    assert run("--fail-on", "info", str(DRAFT)).exit_code == 2


def test_a_crashing_file_is_named_and_the_other_files_still_report(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yinwen.engine

    shutil.copy(DRAFT, tmp_path / "a-poison.txt")
    shutil.copy(DRAFT, tmp_path / "b-fine.txt")
    real = yinwen.engine.extract_quotes

    def extract(document):
        if document.path.endswith("a-poison.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(document)

    monkeypatch.setattr(yinwen.engine, "extract_quotes", extract)
    result = run("--format", "json", str(tmp_path))
    assert result.exit_code == 2
    poison, fine = json.loads(result.stdout)["files"]
    (internal,) = poison["diagnostics"]
    assert internal["code"] == "YW000" and internal["details"] == {"where": "checking", "file": poison["path"]}
    assert poison["path"].endswith("a-poison.txt")
    assert [d["code"] for d in fine["diagnostics"]] == ["YW101"]


def test_a_file_that_fails_while_reading_is_isolated(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yinwen.engine

    shutil.copy(DRAFT, tmp_path / "a-odd.txt")
    shutil.copy(DRAFT, tmp_path / "b-fine.txt")
    real = yinwen.engine.looks_binary
    calls = []

    def looks_binary(data: bytes) -> bool:
        calls.append(len(data))
        if len(calls) == 1:
            raise MemoryError("simulated")
        return real(data)

    monkeypatch.setattr(yinwen.engine, "looks_binary", looks_binary)
    result = run("--format", "json", str(tmp_path))
    assert result.exit_code == 2
    odd, fine = json.loads(result.stdout)["files"]
    assert [(d["code"], d["details"]["where"]) for d in odd["diagnostics"]] == [("YW000", "reading")]
    assert [d["code"] for d in fine["diagnostics"]] == ["YW101"]


def test_a_crash_while_matching_one_quote_keeps_the_other_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    import yinwen.engine

    real = yinwen.engine.match_quote

    def match_quote(quote, corpus, thresholds):
        if quote.text.startswith("要践行宗旨"):
            raise IndexError("simulated")
        return real(quote, corpus, thresholds)

    monkeypatch.setattr(yinwen.engine, "match_quote", match_quote)
    result = run("--format", "json", str(DRAFT))
    assert result.exit_code == 2
    (file,) = json.loads(result.stdout)["files"]
    assert [d["code"] for d in file["diagnostics"]] == ["YW000", "YW101"]
    internal = file["diagnostics"][0]
    assert internal["details"]["where"] == "matching"
    assert (internal["span"]["line"], internal["span"]["column"]) == (2, 11)  # the quotation that failed
