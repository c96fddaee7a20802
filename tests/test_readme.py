"""The README's own instructions, followed in a fresh clone (issue 19, item 8 and the acceptance).

The pre-commit and Action snippets must name a release that exists, and the pre-commit snippet must
work: ``pre-commit try-repo`` (pre-commit from PyPI, in the test extras) installs the hook from a fresh
clone of this repository at the README's ``rev`` — the clone stands in for the GitHub URL, which a test
cannot reach — and runs it on staged drafts. Its output is read like a newcomer would: in Chinese, with
no silent exit 0 on a draft it could not check.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT
from tests._lang import english_lines
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def yaml_blocks() -> list:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", README, re.S)]


def precommit_snippet() -> dict:
    return next(block["repos"][0] for block in yaml_blocks() if isinstance(block, dict) and "repos" in block)


def action_refs() -> list[str]:
    return re.findall(r"uses: yinwen/yinwen@(\S+)", README)


def git(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


needs_git_checkout = pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout (an sdist)")


def test_the_snippets_name_the_release_of_this_version():
    from yinwen import __version__

    snippet = precommit_snippet()
    assert [hook["id"] for hook in snippet["hooks"]] == ["yinwen"]
    assert snippet["rev"] == f"v{__version__}"
    assert action_refs() and set(action_refs()) == {snippet["rev"]}


@needs_git_checkout
def test_the_release_the_readme_names_exists():
    """`rev: v0.1.0` that no tag carries makes pre-commit fail for everyone who copies the snippet."""
    rev = precommit_snippet()["rev"]
    if not git("tag", "--list").stdout.strip():
        pytest.skip("this clone carries no tags at all (cloned with --no-tags or shallow): nothing to look up")
    found = git("rev-parse", "--verify", "--quiet", f"refs/tags/{rev}^{{commit}}")
    assert found.returncode == 0, f"the README names {rev}, but the repository has no tag {rev}: git tag {rev}"
    for name in (".pre-commit-hooks.yaml", "action.yml"):
        assert git("cat-file", "-e", f"{rev}:{name}").returncode == 0, f"{rev} has no {name}"


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory) -> Path:
    clone = tmp_path_factory.mktemp("fresh") / "yinwen"
    done = git("clone", "--quiet", str(ROOT), str(clone))
    assert done.returncode == 0, done.stderr
    return clone


def hook_output(text: str) -> str:
    """What the hook printed, without pre-commit's own frame ([INFO] lines, the hook's status line)."""
    return "\n".join(line for line in text.splitlines()
                     if not line.startswith(("[INFO]", "- hook id", "- exit code", "=", "Using config", "repos:",
                                             "-   repo", "    rev", "    hooks", "    -   id"))
                     and not re.match(r"^yinwen 引文核对\.+(Passed|Failed)", line))


@needs_git_checkout
def test_the_precommit_snippet_runs_the_hook(fresh_clone, tmp_path):
    if shutil.which("pre-commit") is None and not _module("pre_commit"):
        pytest.fail("pre-commit is in the test extras: pip install '.[test]'")
    # The hook as this checkout defines it (the README's rev is checked to exist above): a release tag stays
    # where it was made, and this test is about the hook the code now ships.
    rev = git("rev-parse", "HEAD", cwd=fresh_clone).stdout.strip()
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    # pre-commit's own cache of hook environments: the caller's if set (CI may keep it), else a fresh one.
    home = os.environ.get("PRE_COMMIT_HOME") or str(tmp_path.parent / "pre-commit-home")
    env = {**os.environ, "PRE_COMMIT_HOME": home, "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        git("add", "-A", cwd=repo)
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(fresh_clone), "yinwen",
                               "--ref", rev, "--files", *files], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=900)

    (repo / "speech.md").write_text("# 发言\n\n" + MISQUOTE_TEXT, encoding="utf-8")
    failed = try_repo("speech.md")
    assert failed.returncode == 1, failed.stdout[-3000:] + failed.stderr
    shown = hook_output(failed.stdout)
    assert "speech.md:3:9  YW101 错误  引文与原文不符" in shown
    assert english_lines(shown) == [], english_lines(shown)

    (repo / "speech.md").write_text("# 发言\n\n" + CLEAN_TEXT, encoding="utf-8")
    assert try_repo("speech.md").returncode == 0

    (repo / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    broken = try_repo("speech.md", "broken.docx")
    # pre-commit exits 1 when a hook fails; the hook's own exit code says why: 2, a draft it could not check.
    assert broken.returncode == 1 and "- exit code: 2" in broken.stdout, broken.stdout
    assert "broken.docx  YW001 错误" in hook_output(broken.stdout)


def _module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def test_the_first_command_in_a_fresh_clone(fresh_clone):
    """`yinwen check seeds/` from the clone's own source: exit 1 on the seed's misquotes, all in Chinese."""
    env = {**os.environ, "PYTHONPATH": str(fresh_clone / "src"), "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    done = subprocess.run([sys.executable, "-m", "yinwen", "check", "seeds/"], cwd=fresh_clone, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "YW101 错误" in done.stdout and done.stdout.splitlines()[-1].startswith("共 1 个文件，引文")
    assert english_lines(done.stdout + done.stderr) == []
