"""``yinwen corpus list/show/stats/add/search`` from the command line, on the bundled corpus and a user corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SPEECH_TEXT = """同志们：

今天我们召开全市读书工作推进会，主要任务是总结经验、部署工作。

读书是涵养精神的重要途径，一个不读书的干部，很难把握时代脉搏。

要把学习成果转化为推动工作的实际成效，切实做到学以致用、知行合一。
"""


def _yinwen(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "yinwen", *args], capture_output=True, env=full_env, input=stdin,
                          timeout=300)


@pytest.fixture()
def user_env(tmp_path: Path, corpus) -> dict[str, str]:
    """An empty user corpus in a temporary dir (the bundled index is already cached by the session)."""
    return {"YINWEN_USER_CORPUS": str(tmp_path / "user-corpus")}


def test_list_has_every_source_with_characters(corpus, user_env) -> None:
    result = _yinwen("corpus", "list", "--lang", "en", env=user_env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").rstrip("\n").split("\n")
    assert lines[0] == "id\ttitle\tspeaker\tdate\tchars\torigin"
    assert len(lines) - 1 == len(corpus.sources)
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    row = rows["xi-2022-10-23-first-plenum"]
    assert row[2] == "习近平" and row[3] == "2022-10-23"
    index = [s.id for s in corpus.sources].index("xi-2022-10-23-first-plenum")
    assert int(row[4]) == len(corpus.source_text(index))
    assert row[5] == corpus.sources[index].origin != ""


def test_show_prints_metadata_and_text(corpus, user_env) -> None:
    result = _yinwen("corpus", "show", "xi-2022-10-23-first-plenum", env=user_env)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert 'speaker = "习近平"' in out
    assert "以斗争求安全则安全存，以妥协求安全则安全亡" in out
    missing = _yinwen("corpus", "show", "no-such-source", "--lang", "en", env=user_env)
    assert missing.returncode == 2
    assert b"no source with id" in missing.stderr and b"Traceback" not in missing.stderr


def test_stats_counts_match_the_corpus(corpus, user_env) -> None:
    result = _yinwen("corpus", "stats", "--lang", "en", env=user_env)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert f"sources           {len(corpus.sources)}\n" in out
    assert f"characters        {corpus.chars}\n" in out
    assert "习近平" in out


def test_search_finds_the_exact_wording(user_env) -> None:
    result = _yinwen("corpus", "search", "以斗争求安全则安全存，以软弱退让求安全则安全亡", "-n", "3", env=user_env)
    assert result.returncode == 0, result.stderr
    first = result.stdout.decode("utf-8").split("\n")[:2]
    assert "以斗争求安全则安全存，以妥协求安全则安全亡" in first[0]
    assert "xi-2022-10-23-first-plenum" in first[1]
    percent = int(first[0].split("%")[0].split()[-1])
    assert 70 <= percent < 100


def test_add_writes_a_source_that_check_then_verifies(tmp_path: Path, user_env) -> None:
    plain = tmp_path / "讲话.txt"
    plain.write_bytes(SPEECH_TEXT.encode("gb18030"))  # a GBK file from an office PC
    added = _yinwen("corpus", "add", str(plain), "--title", "在全市读书工作推进会上的讲话", "--speaker", "李四",
                    "--date", "2024-04-23", "--id", "li-2024-04-23-dushu", "--kind", "speech", env=user_env)
    assert added.returncode == 0, added.stderr
    written = Path(user_env["YINWEN_USER_CORPUS"]) / "li-2024-04-23-dushu.txt"
    content = written.read_text(encoding="utf-8")
    assert content.startswith('+++\nid = "li-2024-04-23-dushu"\ntitle = "在全市读书工作推进会上的讲话"\nspeaker = "李四"')
    again = _yinwen("corpus", "add", str(plain), "--title", "x", "--id", "li-2024-04-23-dushu", env=user_env)
    assert again.returncode == 2 and b"--force" in again.stderr
    bad_date = _yinwen("corpus", "add", str(plain), "--title", "x", "--id", "other", "--date", "23/4/2024", env=user_env)
    assert bad_date.returncode == 2 and b"YYYY-MM-DD" in bad_date.stderr

    from yinwen.config.settings import Settings

    os.environ["YINWEN_USER_CORPUS"] = user_env["YINWEN_USER_CORPUS"]
    try:
        assert Path(user_env["YINWEN_USER_CORPUS"]) in Settings().corpus_dirs()
        assert Path(user_env["YINWEN_USER_CORPUS"]) not in Settings(corpus=(tmp_path,)).corpus_dirs()
    finally:
        del os.environ["YINWEN_USER_CORPUS"]

    draft = "李四同志指出：“一个不读书的干部，很难把握时代脉搏。”他还说：“要把学习成果转化为推动工作的实际效果。”\n"
    checked = _yinwen("check", "-", "--format", "json", "--corpus", user_env["YINWEN_USER_CORPUS"],
                      env=user_env, stdin=draft.encode("utf-8"))
    report = json.loads(checked.stdout)
    verdicts = [(q["verdict"], (q.get("source") or {}).get("id")) for q in report["files"][0]["quotes"]]
    assert verdicts == [("verified", "li-2024-04-23-dushu"), ("misquote", "li-2024-04-23-dushu")]

    found = _yinwen("corpus", "search", "学以致用知行合一", "--corpus", user_env["YINWEN_USER_CORPUS"], env=user_env)
    assert "li-2024-04-23-dushu" in found.stdout.decode("utf-8")


def test_build_verifies_the_cache_and_check_uses_cache_dir(tmp_path: Path, user_env) -> None:
    corpus_dir = tmp_path / "mine"
    corpus_dir.mkdir()
    (corpus_dir / "speech.txt").write_text("+++\nid = \"s\"\ntitle = \"讲话\"\nspeaker = \"李四\"\n+++\n" + SPEECH_TEXT,
                                           encoding="utf-8")
    cache = tmp_path / "cache"
    built = _yinwen("corpus", "build", str(corpus_dir), "--cache-dir", str(cache), "--lang", "en", env=user_env)
    assert built.returncode == 0, built.stderr
    assert b"1 sources" in built.stderr
    index = next(p for p in (cache / "index").iterdir() if p.is_dir())
    data = bytearray((index / "orig.bin").read_bytes())
    data[-2] ^= 0x01  # same size, different content: only the checksums can tell
    (index / "orig.bin").write_bytes(bytes(data))
    again = _yinwen("corpus", "build", str(corpus_dir), "--cache-dir", str(cache), "--lang", "en", env=user_env)
    assert again.returncode == 0
    assert b"(orig damaged); rebuilding" in again.stderr
    from yinwen.corpus.store import verify_index

    assert verify_index(index) == []

    draft = "李四说：“一个不读书的干部，很难把握时代脉搏。”\n".encode()
    other_cache = tmp_path / "other-cache"
    checked = _yinwen("check", "-", "--corpus", str(corpus_dir), "--cache-dir", str(other_cache), "--format", "json",
                      env=user_env, stdin=draft)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["files"][0]["quotes"][0]["verdict"] == "verified"
    assert any(p.is_dir() for p in (other_cache / "index").iterdir())
