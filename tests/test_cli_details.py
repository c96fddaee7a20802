"""The small things a newcomer trips over (issue 19, item 10): a suppression naming no rule, option values
in capitals, help at 80 columns, `corpus show` paths, `corpus search` context, an empty citation line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, WARNING_TEXT, run_cli
from tests.conftest import ROOT


def test_a_suppression_naming_no_rule_is_reported_where_it_stands(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("认真学习党的二十大大报告。 yinwen: ignore[YW999]\n<!-- yinwen-disable-next-line misquot -->\n"
                     + MISQUOTE_TEXT, encoding="utf-8")
    result = run_cli("check", str(draft), "--format", "json")
    found = [(d["code"], d["span"]["line"], d["details"]["name"]) for d in
             __import__("json").loads(result.stdout)["files"][0]["diagnostics"] if d["code"] == "YW006"]
    assert found == [("YW006", 1, "YW999"), ("YW006", 2, "misquot")]
    codes = [d["code"] for d in __import__("json").loads(result.stdout)["files"][0]["diagnostics"]]
    assert "YW201" in codes and "YW101" in codes  # a marker naming no rule silences nothing
    text = run_cli("check", str(draft)).stdout
    assert "忽略标记中的“YW999”不是已知规则" in text and "  文中  … yinwen: ignore[【YW999】]" in text


def test_a_suppression_may_name_a_prefix_like_the_config(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("认真学习党的二十大大报告。 yinwen: ignore[YW2]\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--format", "json")
    assert __import__("json").loads(result.stdout)["files"][0]["diagnostics"] == []


@pytest.mark.parametrize("args", [
    ["check", "-", "--format", "JSON"],
    ["check", "-", "--format", "Sarif"],
    ["check", "-", "--lang", "EN"],
    ["check", "-", "--fail-on", "WARNING"],
    ["cite", "-", "--format", "JSON"],
], ids=lambda a: " ".join(a[2:]))
def test_choice_options_are_accepted_in_any_case(args):
    lower = run_cli(*[a.lower() if i >= 2 else a for i, a in enumerate(args)], input=WARNING_TEXT)
    upper = run_cli(*args, input=WARNING_TEXT)
    assert upper.code == lower.code != 2, upper.stderr
    assert upper.stdout == lower.stdout


def _commands():
    from typer.main import get_command

    from yinwen.cli.app import app

    root = get_command(app)
    for name, command in sorted(root.commands.items()):
        if hasattr(command, "commands"):
            for sub, subcommand in sorted(command.commands.items()):
                yield [name, sub], subcommand
        else:
            yield [name], command


COMMANDS = list(_commands())


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
@pytest.mark.parametrize("columns", ["80", "60"])
def test_help_shows_every_option_name_whole(path, command, columns):
    from typer.testing import CliRunner

    from yinwen.cli.app import app

    done = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": columns, "TERM": "xterm-256color"})
    shown = done.stdout
    assert done.exit_code == 0, done.stderr
    assert "…" not in shown
    for param in command.params:
        for name in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
            if name.startswith("-"):
                assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", shown), (name, shown)


def test_corpus_show_names_the_files_of_this_installation(tmp_path):
    """A cached index is keyed by content, so it is shared by two installations of the same corpus: the
    paths `corpus show` prints are this installation's, not those of whichever built the cache."""
    first, second, cache = tmp_path / "first" / "corpus", tmp_path / "second" / "corpus", tmp_path / "cache"
    for copy in (first, second):
        (copy / "modern").mkdir(parents=True)
        shutil.copy(ROOT / "data" / "corpus" / "modern" / "xi-2018-05-04-marx200.txt", copy / "modern")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "YINWEN_CACHE_DIR": str(cache)}

    def show(corpus: Path) -> str:
        done = subprocess.run([sys.executable, "-m", "yinwen", "corpus", "show", "xi-2018-05-04-marx200", "--corpus",
                               str(corpus)], capture_output=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout.decode("utf-8")

    assert f'path = "{first / "modern" / "xi-2018-05-04-marx200.txt"}"' in show(first)
    assert len([p for p in (cache / "index").iterdir() if p.is_dir()]) == 1  # one index, built by the first
    assert f'path = "{second / "modern" / "xi-2018-05-04-marx200.txt"}"' in show(second)
    shutil.rmtree(first)  # the installation that built the cache is gone
    assert f'path = "{second / "modern" / "xi-2018-05-04-marx200.txt"}"' in show(second)


def test_corpus_search_shows_the_sentence_the_match_stands_in():
    result = run_cli("corpus", "search", "以斗争求安全则安全存", "-n", "1")
    first = result.stdout.splitlines()[0]
    assert first.endswith("历史反复证明，【以斗争求安全则安全存】，以妥协求安全则安全亡；")
    assert "第18段" in result.stdout.splitlines()[1]


def test_a_formulation_without_a_source_prints_no_empty_citation(tmp_path):
    table = tmp_path / "mine.toml"
    table.write_text('[[formulation]]\nname = "三个绝不"\nmembers = ["绝不吃老本", "绝不摆架子", "绝不图虚名"]\n',
                     encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("要做到“三个绝不”：绝不吃老本、绝不摆架子、绝不图名利。\n", encoding="utf-8")
    for lang in ("zh", "en"):
        for output_format in ("text", "github", "rdjson", "sarif"):
            shown = run_cli("check", str(draft), "--formulations", str(table), "--lang", lang,
                            "--format", output_format).stdout
            assert "YW301" in shown
            assert not re.search(r"(出处|cited)\s*[：:]?\s*(\n|$|%0A|\")", shown), (lang, output_format, shown)
    assert "绝不吃老本、绝不摆架子、绝不图虚名" in run_cli("check", str(draft), "--formulations", str(table)).stdout


def test_clean_text_still_passes(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(CLEAN_TEXT, encoding="utf-8")
    assert run_cli("check", str(draft)).code == 0


def test_a_sources_line_breaks_and_nested_asides_print_on_one_clean_line(tmp_path) -> None:
    """A poem's lines in the 原文 line as ／ (not a raw line break that breaks the layout), and the
    publication of a 毛选 text without a stray bracket from its nested aside."""
    draft = tmp_path / "d.txt"
    draft.write_text("杜甫在《春望》中写道：“国破山河在，城春草木深。感时花溅泪，恨别鸟惊新。”\n"
                     "毛泽东在《改造我们的学习》中指出：“没有调查，就没有发言权。”\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-m", "yinwen", "check", str(draft), "--no-color"], capture_output=True,
                         env=env).stdout.decode("utf-8")
    assert "  原文  国破山河在，城春草木深。／感时花溅泪，恨别鸟惊【心】" in out
    assert all(line.startswith((str(draft), "  ", "共")) or not line for line in out.splitlines()), out
    assert "《毛泽东选集》第三卷，第27段" in out


def test_the_source_line_marks_the_occurrence_that_was_changed(tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("总书记说：“青年兴则国家兴，青年强则民族强。”\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-m", "yinwen", "check", str(draft), "--no-color"], capture_output=True,
                         env=env).stdout.decode("utf-8")
    assert "  原文  青年兴则国家兴，青年强则【国家】强" in out
