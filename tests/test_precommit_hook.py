"""The pre-commit hook definition, run the way pre-commit runs it: its entry plus the staged files
that match its ``files`` pattern, in a real git repository (issue 6, integrations)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import yaml

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT
from tests.conftest import ROOT


def git(repo, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def run_hook(repo) -> subprocess.CompletedProcess:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    staged = git(repo, "diff", "--cached", "--name-only", "-z").split("\0")
    files = [name for name in staged if name and re.search(hook["files"], name)]
    entry = shlex.split(hook["entry"])
    assert entry[0] == "yinwen"
    command = [sys.executable, "-m", "yinwen", *entry[1:], *files]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=120)


def test_hook_definition():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "yinwen" and hook["language"] == "python"
    for name in ("a.txt", "docs/b.md", "c.docx"):
        assert re.search(hook["files"], name)
    assert not re.search(hook["files"], "setup.py")


def test_hook_fails_on_a_staged_misquote_and_passes_once_fixed(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "docs").mkdir()
    (repo / "docs" / "speech.md").write_text("# 发言\n\n" + MISQUOTE_TEXT, encoding="utf-8")
    (repo / "notes.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    (repo / "script.py").write_text("print('以软弱退让求安全')\n", encoding="utf-8")
    (repo / "unstaged.txt").write_text(MISQUOTE_TEXT, encoding="utf-8")
    git(repo, "add", "docs/speech.md", "notes.txt", "script.py")
    failed = run_hook(repo)
    assert failed.returncode == 1, failed.stderr
    assert "docs/speech.md:3:" in failed.stdout and "YW101" in failed.stdout
    assert "unstaged.txt" not in failed.stdout and "script.py" not in failed.stdout

    (repo / "docs" / "speech.md").write_text("# 发言\n\n" + CLEAN_TEXT, encoding="utf-8")
    git(repo, "add", "docs/speech.md")
    passed = run_hook(repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_hook_respects_exclude_and_suppressions(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "yinwen.toml").write_text('exclude = ["archive/"]\n', encoding="utf-8")
    (repo / "archive").mkdir()
    (repo / "archive" / "old.txt").write_text(MISQUOTE_TEXT, encoding="utf-8")
    (repo / "reviewed.md").write_text("<!-- yinwen-disable-next-line YW101 -->\n" + MISQUOTE_TEXT, encoding="utf-8")
    git(repo, "add", ".")
    done = run_hook(repo)
    assert done.returncode == 0, done.stdout + done.stderr
