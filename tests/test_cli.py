"""The command line end to end: exit codes, the JSON contract, stdin, bad paths (cli.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

MISQUOTE = "历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。\n"
FAITHFUL = "历史反复证明，“以斗争求安全则安全存，以妥协求安全则安全亡”。\n"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "yinwen", *args], input=stdin, capture_output=True, env=env,
                          cwd=cwd, timeout=120)


@pytest.fixture()
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "bad.txt").write_text(MISQUOTE, encoding="utf-8")
    (tmp_path / "good.md").write_text(FAITHFUL, encoding="utf-8")
    return tmp_path


def test_json_contract_on_the_seed() -> None:
    result = run("check", str(SEED), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["version"] == 1 and report["tool"]["name"] == "yinwen"
    assert set(report["corpus"]) == {"sources", "chars", "fingerprint"}
    (file,) = report["files"]
    assert file["path"] == str(SEED)
    text = SEED.read_text(encoding="utf-8")
    for quote in file["quotes"]:
        span = quote["span"]
        assert text[span["start"]:span["end"]] == quote["text"]
        assert quote["verdict"] in {"verified", "misquote", "spliced", "misattributed", "unverified", "term"}
        assert set(quote["attribution"]) == {"cue", "speaker", "title"}
    misquote = next(d for d in file["diagnostics"] if d["code"] == "YW101" and "软弱退让" in text[d["span"]["start"]:d["span"]["end"]])
    assert misquote["rule"] == "misquote" and misquote["severity"] == "error"
    assert misquote["edits"] == [{"op": "replace", "quote": "软弱退让", "source": "妥协"}]
    assert misquote["fix"] == "以斗争求安全则安全存，以妥协求安全则安全亡"
    assert set(misquote["source"]) == {"id", "title", "speaker", "date", "occasion", "locator", "text", "also_in"}
    summary = report["summary"]
    assert summary["files"] == 1 and summary["errors"] >= 3 and summary["quotes"] >= summary["verified"] >= 3


def test_json_output_is_deterministic() -> None:
    first = run("check", str(SEED), "--format", "json").stdout
    second = run("check", str(SEED), "--format", "json").stdout
    assert first == second


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["good.md"], 0),
        (["bad.txt"], 1),
        (["bad.txt", "--fail-on", "error"], 1),
        (["good.md", "--fail-on", "info"], 0),
        (["bad.txt", "--exit-zero"], 0),
        (["missing.txt"], 2),
        (["bad.txt", "missing.txt"], 2),
        (["good.md", "--format", "nope"], 2),
    ],
)
def test_exit_codes(drafts: Path, args: list[str], code: int) -> None:
    result = run("check", *args, cwd=drafts)
    assert result.returncode == code, result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_missing_path_is_reported_after_the_others_are_checked(drafts: Path) -> None:
    result = run("check", "missing.txt", "bad.txt", "--format", "json", cwd=drafts)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["bad.txt"]
    assert "missing.txt" in result.stderr.decode()


def test_stdin_gives_the_same_diagnostics_as_the_file(drafts: Path) -> None:
    from_file = json.loads(run("check", "bad.txt", "--format", "json", cwd=drafts).stdout)
    from_stdin = json.loads(run("check", "-", "--format", "json", stdin=MISQUOTE.encode("gb18030")).stdout)
    assert from_file["files"][0]["diagnostics"] == from_stdin["files"][0]["diagnostics"]


def test_directory_walk_and_binary_and_undecodable(drafts: Path) -> None:
    (drafts / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (drafts / "broken.txt").write_bytes("引文".encode() + b"\xff\xfe\xfa\xfb")
    report = json.loads(run("check", str(drafts), "--format", "json").stdout)
    codes = {Path(f["path"]).name: [d["code"] for d in f["diagnostics"]] for f in report["files"]}
    assert codes["image.txt"] == ["YW002"]
    assert codes["broken.txt"] == ["YW001"]
    assert "YW101" in codes["bad.txt"]


def test_too_large_file_is_skipped(drafts: Path) -> None:
    report = json.loads(run("check", "bad.txt", "--max-size", "10", "--format", "json", cwd=drafts).stdout)
    assert [d["code"] for d in report["files"][0]["diagnostics"]] == ["YW003"]


def test_text_output_shows_quote_source_and_citation() -> None:
    result = run("check", str(SEED), "--no-color")
    out = result.stdout.decode("utf-8")
    assert "YW101 错误" in out
    assert "以【软弱退让】求安全则安全亡" in out and "以【妥协】求安全则安全亡" in out
    assert "二十届一中全会" in out
    english = run("check", str(SEED), "--no-color", "--lang", "en").stdout.decode("utf-8")
    assert "quotation differs from its source" in english


def test_corpus_option_replaces_and_extends(drafts: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "s.txt").write_text('+++\nid = "own"\ntitle = "自编"\nspeaker = "某人"\n+++\n以斗争求安全则安全存，以软弱退让求安全则安全亡。',
                               encoding="utf-8")
    replaced = json.loads(run("check", "bad.txt", "--corpus", str(own), "--format", "json", cwd=drafts).stdout)
    assert replaced["corpus"]["sources"] == 1
    assert replaced["files"][0]["quotes"][0]["verdict"] == "verified"
    extended = json.loads(run("check", "bad.txt", "--extend-corpus", str(own), "--format", "json", cwd=drafts).stdout)
    assert extended["corpus"]["sources"] > 1000


def test_corpus_error_is_one_line(drafts: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken-corpus"
    broken.mkdir()
    (broken / "x.jsonl").write_text("{oops\n", encoding="utf-8")
    result = run("check", "bad.txt", "--corpus", str(broken), cwd=drafts)
    assert result.returncode == 2
    assert result.stderr.decode().strip().count("\n") == 0 and "x.jsonl:1" in result.stderr.decode()
