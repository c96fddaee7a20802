"""Configuration files: discovery, validation, precedence, file selection (issue 6, configuration)."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, WARNING_TEXT, run_cli


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(stdout: str) -> list[str]:
    return [d["code"] for f in json.loads(stdout)["files"] for d in f["diagnostics"]]


def test_pyproject_table_is_found_by_walking_up(tmp_path, monkeypatch):
    from yinwen.config.files import find_config, load_config

    write(tmp_path / "pyproject.toml", '[project]\nname = "docs"\n\n[tool.yinwen]\nignore = ["misquote"]\n')
    draft = write(tmp_path / "a" / "b" / "draft.txt", MISQUOTE_TEXT)
    monkeypatch.chdir(tmp_path / "a")
    assert find_config([str(draft)]) == tmp_path / "pyproject.toml"
    assert load_config(tmp_path / "pyproject.toml").values["ignore"] == frozenset({"YW101"})
    result = run_cli("check", str(draft), "--format", "json")
    assert result.code == 0 and codes(result.stdout) == []


def test_nearest_yinwen_toml_wins_and_pyproject_without_table_is_skipped(tmp_path):
    from yinwen.config.files import find_config

    write(tmp_path / "yinwen.toml", 'fail-on = "warning"\n')
    write(tmp_path / "docs" / "pyproject.toml", '[project]\nname = "x"\n')
    draft = write(tmp_path / "docs" / "draft.txt", WARNING_TEXT)
    assert find_config([str(draft)]) == tmp_path / "yinwen.toml"
    assert run_cli("check", str(draft)).code == 1
    assert run_cli("check", str(draft), "--fail-on", "error").code == 0, "the CLI overrides the file"
    assert run_cli("check", str(draft), "--isolated").code == 0


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("selct = [\"YW101\"]\n", "selct"),
        ("select = [\"YW999\"]\n", "select"),
        ("select = 3\n", "select"),
        ("fail-on = \"fatal\"\n", "fail-on"),
        ("lang = \"fr\"\n", "lang"),
        ("encoding = \"no-such-codec\"\n", "encoding"),
        ("max-size = -1\n", "max-size"),
        ("corpus = \"missing-dir\"\n", "corpus"),
        ("respect-gitignore = \"yes\"\n", "respect-gitignore"),
        ("[thresholds]\nterm-max-chars = 1.5\n", "thresholds"),
        ("[thresholds]\nmisquote-min-coverage = 2.0\n", "thresholds"),
        ("[thresholds]\nno-such-threshold = 1\n", "thresholds"),
        ("[severity]\nYW101 = \"fatal\"\n", "severity"),
        ("[per-file-ignores]\n\"old/*.txt\" = [\"nonsense\"]\n", "per-file-ignores"),
        ("select = [\n", ""),
    ],
)
def test_bad_config_is_a_one_line_error_naming_file_and_key(tmp_path, toml, key):
    config = write(tmp_path / "yinwen.toml", toml)
    draft = write(tmp_path / "draft.txt", CLEAN_TEXT)
    result = run_cli("check", str(draft))
    assert result.code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().split("\n")) == 1, result.stderr
    assert str(config) in result.stderr and key in result.stderr


def test_pyproject_errors_name_the_dotted_key(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.yinwen]\nextend-selct = ["YW101"]\n')
    result = run_cli("check", str(write(tmp_path / "d.txt", CLEAN_TEXT)))
    assert result.code == 2 and "tool.yinwen.extend-selct" in result.stderr


def test_broken_pyproject_with_our_table_is_reported_not_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.yinwen]\nselect = ["YW101"\n')
    result = run_cli("check", "--lang", "en", str(write(tmp_path / "d.txt", CLEAN_TEXT)))
    assert result.code == 2 and "pyproject.toml: invalid TOML" in result.stderr
    result = run_cli("check", str(tmp_path / "d.txt"))
    assert result.code == 2 and "pyproject.toml：TOML 格式错误" in result.stderr
    write(tmp_path / "pyproject.toml", '[project]\nname = "x\n')
    assert run_cli("check", str(tmp_path / "d.txt")).code == 0, "someone else's broken file is not our business"


def test_select_ignore_severity_and_prefixes(tmp_path):
    draft = write(tmp_path / "draft.txt", MISQUOTE_TEXT + WARNING_TEXT)
    assert sorted(codes(run_cli("check", str(draft), "--format", "json", "--isolated").stdout)) == ["YW101", "YW201"]
    write(tmp_path / "yinwen.toml", 'select = ["YW2"]\n')
    assert codes(run_cli("check", str(draft), "--format", "json").stdout) == ["YW201"]
    write(tmp_path / "yinwen.toml", 'select = ["YW2"]\nextend-select = ["misquote"]\n[severity]\nYW101 = "warning"\n')
    result = run_cli("check", str(draft), "--format", "json")
    assert result.code == 0
    assert {d["code"]: d["severity"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]} == {
        "YW101": "warning", "YW201": "warning"}
    write(tmp_path / "yinwen.toml", '[severity]\nduplicated-word = "off"\n')
    assert codes(run_cli("check", str(draft), "--format", "json").stdout) == ["YW101"]
    assert codes(run_cli("check", str(draft), "--format", "json", "--select", "YW201").stdout) == []
    assert run_cli("check", str(draft), "--select", "YW999").code == 2


def test_thresholds_reach_the_matcher(tmp_path):
    from yinwen.config.files import Overrides, settings_for

    write(tmp_path / "yinwen.toml", "[thresholds]\nterm-max-chars = 3\nmisquote-min-coverage = 0.9\n")
    settings = settings_for([str(tmp_path)], Overrides())
    assert settings.thresholds.term_max_chars == 3 and settings.thresholds.misquote_min_coverage == 0.9
    assert settings.thresholds.short_quote_chars == 12


def test_corpus_paths_are_relative_to_the_config_file(tmp_path, monkeypatch):
    from yinwen.config.files import Overrides, settings_for

    write(tmp_path / "mycorpus" / "a.txt", "+++\nid = \"a\"\ntitle = \"A\"\n+++\n正文。\n")
    write(tmp_path / "yinwen.toml", 'extend-corpus = ["mycorpus"]\n')
    monkeypatch.chdir(tmp_path.parent)
    settings = settings_for([str(tmp_path / "x.txt")], Overrides())
    assert settings.extend_corpus == (tmp_path / "mycorpus",)


def test_include_exclude_and_gitignore(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "build/\n")
    write(tmp_path / "docs" / "keep.md", MISQUOTE_TEXT)
    write(tmp_path / "docs" / "archive" / "old.md", MISQUOTE_TEXT)
    write(tmp_path / "docs" / "notes.txt", MISQUOTE_TEXT)
    write(tmp_path / "build" / "generated.md", MISQUOTE_TEXT)
    write(tmp_path / "yinwen.toml", 'include = ["*.md"]\nexclude = ["archive/"]\n')
    monkeypatch.chdir(tmp_path)
    checked = [f["path"] for f in json.loads(run_cli("check", ".", "--format", "json").stdout)["files"]]
    assert checked == ["docs/keep.md"]
    # A named file is checked even when excluded, unless --force-exclude (what the pre-commit hook passes).
    assert run_cli("check", "docs/archive/old.md").code == 1
    assert run_cli("check", "docs/archive/old.md", "--force-exclude").code == 0
    write(tmp_path / "yinwen.toml", "respect-gitignore = false\n")
    checked = [f["path"] for f in json.loads(run_cli("check", ".", "--format", "json").stdout)["files"]]
    assert "build/generated.md" in checked and "docs/archive/old.md" in checked


def test_per_file_ignores(tmp_path, monkeypatch):
    write(tmp_path / "yinwen.toml", '[per-file-ignores]\n"legacy/**" = ["YW101"]\n')
    write(tmp_path / "legacy" / "old.txt", MISQUOTE_TEXT + WARNING_TEXT)
    write(tmp_path / "new.txt", MISQUOTE_TEXT)
    monkeypatch.chdir(tmp_path)
    files = {f["path"]: [d["code"] for d in f["diagnostics"]]
             for f in json.loads(run_cli("check", ".", "--format", "json").stdout)["files"]}
    assert files == {"legacy/old.txt": ["YW201"], "new.txt": ["YW101"]}


def test_config_command_prints_a_loadable_effective_configuration(tmp_path, monkeypatch):
    from yinwen.config.files import Overrides, build_settings, load_config, settings_for

    write(tmp_path / "yinwen.toml", 'ignore = ["YW104"]\nfail-on = "warning"\n[severity]\nYW105 = "error"\n'
                                    '[thresholds]\nadjacent-max-gap = 40\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli("config")
    assert result.code == 0
    assert str(tmp_path / "yinwen.toml") in result.stdout
    printed = tomllib.loads(result.stdout)
    assert printed["fail-on"] == "warning" and printed["severity"]["YW105"] == "error"
    assert "YW104" not in printed["select"] and printed["thresholds"]["adjacent-max-gap"] == 40
    # The printed configuration is itself a valid config with the same effect.
    copy = write(tmp_path / "copy" / "yinwen.toml", result.stdout)
    again = build_settings(load_config(copy), Overrides())
    original = settings_for(["."], Overrides())
    for name in ("fail_on", "thresholds", "lang", "max_bytes"):
        assert getattr(again, name) == getattr(original, name)
    assert {c for c in again.select or () if again.enabled(c)} == {c for c in printed["select"]}
    assert run_cli("config", "--isolated").stdout.count("（无：默认值）") == 1
    assert run_cli("config", "--isolated", "--lang", "en").stdout.count("(none: defaults)") == 1
