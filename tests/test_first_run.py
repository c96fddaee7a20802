"""The first run: one cache root for everything, a build done ahead of time, a bar only for a person.

Every test runs the real command line in a fresh process against a small corpus of its own, with
HOME and XDG_CACHE_HOME pointed at empty folders so that anything written outside the chosen cache
root would be seen.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SPEECH = "+++\nid = \"s\"\ntitle = \"讲话\"\nspeaker = \"李四\"\n+++\n一个不读书的干部，很难把握时代脉搏。\n\n读书学习是干部成长的阶梯。\n"
DRAFT = "李四说：“一个不读书的干部，很难把握时代脉搏。”他又说，“大大提高了效率”。\n"


@pytest.fixture()
def world(tmp_path: Path) -> dict[str, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "speech.txt").write_text(SPEECH, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    return {"corpus": corpus, "draft": draft, "home": home, "cache": tmp_path / "cache"}


def _env(world: dict[str, Path], **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("YINWEN_CACHE_DIR", "CI")}
    env.update(PYTHONPATH=str(ROOT / "src"), HOME=str(world["home"]), XDG_CACHE_HOME=str(world["home"] / ".cache"),
               YINWEN_USER_CORPUS=str(world["home"] / "user-corpus"))
    env.update(extra)
    return env


def _run(world, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yinwen", *args], capture_output=True, env=_env(world, **extra),
                          timeout=300)


def _files(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()} if root.exists() else {}


def test_every_cache_honours_cache_dir_the_word_lexicon_too(world) -> None:
    result = _run(world, "check", "--corpus", str(world["corpus"]), "--cache-dir", str(world["cache"]), str(world["draft"]))
    assert result.returncode in (0, 1), result.stderr
    assert (world["cache"] / "index").is_dir()
    assert (world["cache"] / "lexicon").is_dir()  # the stutter rule's segmenter built it there
    assert _files(world["home"]) == {}


def test_a_first_run_builds_the_lexicon_alongside_the_index_and_reports_as_a_warm_run(world) -> None:
    """The lexicon is built on a second thread while the index builds, even for a draft whose check
    would not need it; the report is the same as the next, warm run's."""
    plain = world["draft"].with_name("plain.txt")
    plain.write_text("李四说：“一个不读书的干部，很难把握时代脉搏。”\n", encoding="utf-8")
    args = ("check", "--corpus", str(world["corpus"]), "--cache-dir", str(world["cache"]), "--format", "json", str(plain))
    first = _run(world, *args)
    assert first.returncode in (0, 1), first.stderr
    assert any((world["cache"] / "lexicon").iterdir()) and any((world["cache"] / "index").iterdir())
    files = _files(world["cache"])
    again = _run(world, *args)
    assert again.stdout == first.stdout and again.returncode == first.returncode
    assert _files(world["cache"]) == files  # the warm run wrote nothing


def test_cache_dir_from_the_environment(world) -> None:
    result = _run(world, "check", "--corpus", str(world["corpus"]), str(world["draft"]), YINWEN_CACHE_DIR=str(world["cache"]))
    assert result.returncode in (0, 1), result.stderr
    assert (world["cache"] / "lexicon").is_dir() and (world["cache"] / "index").is_dir()
    assert _files(world["home"]) == {}


def test_corpus_build_ahead_of_time_leaves_a_check_nothing_to_write(world) -> None:
    """As a Dockerfile step: `yinwen corpus build`, then checks that only read the cache."""
    built = _run(world, "corpus", "build", str(world["corpus"]), "--cache-dir", str(world["cache"]))
    assert built.returncode == 0, built.stderr
    before = _files(world["cache"])
    assert any(name.startswith("lexicon") for name in before)
    checked = _run(world, "check", "--corpus", str(world["corpus"]), "--cache-dir", str(world["cache"]),
                   "--format", "json", str(world["draft"]))
    assert checked.returncode in (0, 1), checked.stderr
    assert _files(world["cache"]) == before
    assert _files(world["home"]) == {}
    assert checked.stderr == b""


def _on_a_terminal(world, *args: str, **extra: str) -> str:
    """Run with stderr on a pseudo-terminal; what the person would have seen there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "yinwen", *args], stdout=subprocess.DEVNULL, stderr=follower,
                               env=_env(world, **extra))
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=300)
    os.close(leader)
    return seen.decode("utf-8", "replace")


def test_first_build_shows_a_bar_on_a_terminal_only(world) -> None:
    args = ("check", "--corpus", str(world["corpus"]), "--cache-dir", str(world["cache"]), str(world["draft"]))
    shown = _on_a_terminal(world, *args)
    assert "建立索引" in shown and "准备词典" in shown
    # Cached now: the next run on a terminal draws nothing.
    assert "建立索引" not in _on_a_terminal(world, *args)
    # A new source (as after `corpus add`) means a build again, and a bar again.
    (world["corpus"] / "more.txt").write_text("+++\nid = \"m\"\ntitle = \"又一篇\"\n+++\n学而时习之。\n", encoding="utf-8")
    assert "建立索引" in _on_a_terminal(world, *args)


def test_no_bar_in_ci_or_on_a_pipe(world) -> None:
    args = ("check", "--corpus", str(world["corpus"]), "--cache-dir", str(world["cache"]), str(world["draft"]))
    assert "建立索引" not in _on_a_terminal(world, *args, CI="true")
    (world["corpus"] / "more.txt").write_text("+++\nid = \"m\"\ntitle = \"又一篇\"\n+++\n学而时习之。\n", encoding="utf-8")
    piped = _run(world, *args)
    assert "建立索引" not in piped.stderr.decode("utf-8")


def test_corpus_verify_finds_damage_and_rebuilds(world) -> None:
    built = _run(world, "corpus", "build", str(world["corpus"]), "--cache-dir", str(world["cache"]))
    assert built.returncode == 0, built.stderr
    ok = _run(world, "corpus", "verify", str(world["corpus"]), "--cache-dir", str(world["cache"]), "--lang", "en")
    assert ok.returncode == 0 and b"verified" in ok.stderr
    index = next(p for p in (world["cache"] / "index").iterdir() if p.is_dir() and "." not in p.name)
    path = index / "norm.bin"
    path.write_bytes(b"\x00" * path.stat().st_size)
    damaged = _run(world, "corpus", "verify", str(world["corpus"]), "--cache-dir", str(world["cache"]), "--lang", "en")
    assert damaged.returncode == 1 and b"norm: checksum differs" in damaged.stderr and b"rebuilt" in damaged.stderr
    assert _run(world, "corpus", "verify", str(world["corpus"]), "--cache-dir", str(world["cache"])).returncode == 0
