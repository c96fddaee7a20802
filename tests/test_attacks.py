"""The attack matrix (issue 20): each promise that an attack run on main broke, held by a test.

Every case runs the real command line on real files. The slow cases at full size (a 20,000-row .docx
table, 10 MB of quotation marks in every format) are in benchmarks/attacks.py, which prints time and
peak memory; here they run at a size that keeps the suite fast but still fails on quadratic or
unbounded behaviour.

Exit codes for input problems are the input-handling policy's (issue 19). The expectations this module
relies on are kept in one place, ``EXIT``, so that policy and this matrix are reconciled in one edit.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, run_cli
from tests.conftest import FIXTURES

# The exit codes these attacks expect (README "Exit codes"): 2 for a usage, config or output error.
EXIT = {
    "usage": 2,  # a bad option value, an output over an input, a config or data file that cannot be parsed
    "output": 2,  # an output that could not be written (the old file is left whole)
    "findings": 1,
    "clean": 0,
}
BAD = FIXTURES / "bad-input"
FIXED = "以斗争求安全则安全存，以妥协求安全则安全亡"


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


def draft(directory: Path, name: str = "draft.txt", text: str = MISQUOTE_TEXT) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def run_process(*args: str, preexec=None, timeout: float = 120) -> subprocess.CompletedProcess:
    """The CLI in a fresh interpreter (for resource limits and signals), on the session's index cache."""
    import yinwen

    source = str(Path(yinwen.__file__).resolve().parents[1])  # the yinwen under test, installed or not
    return subprocess.run([sys.executable, "-m", "yinwen", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=preexec, env={**os.environ, "PYTHONPATH": source})


# --- 1. Nothing the user has is destroyed ---------------------------------------------------------------


@pytest.mark.parametrize("option", ["--html-report", "--write-baseline"])
def test_an_output_that_is_the_draft_is_refused_before_any_work(tmp_path, option):
    text_draft = draft(tmp_path)
    before = text_draft.read_bytes()
    result = run_cli("check", text_draft, option, text_draft)
    assert result.code == EXIT["usage"] and "draft.txt" in result.stderr
    assert text_draft.read_bytes() == before
    no_traceback(result)


def test_an_output_over_a_draft_found_in_a_folder_or_through_a_link_is_refused(tmp_path):
    from tests.docxmaker import docx_from_text

    folder = tmp_path / "docs"
    folder.mkdir()
    word = docx_from_text(MISQUOTE_TEXT.strip(), folder / "speech.docx")
    before = word.read_bytes()
    (tmp_path / "alias.docx").symlink_to(word)
    os.link(word, tmp_path / "hard.docx")
    for target in (word, tmp_path / "alias.docx", tmp_path / "hard.docx"):
        for option in ("--write-baseline", "--html-report", "--annotate"):
            result = run_cli("check", folder, option, target)
            assert result.code == EXIT["usage"], (option, target, result.stderr)
            assert word.read_bytes() == before
    # Two outputs on one file would overwrite each other.
    result = run_cli("check", folder, "--html-report", tmp_path / "out", "--write-baseline", tmp_path / "out")
    assert result.code == EXIT["usage"] and not (tmp_path / "out").exists()


def test_an_output_over_the_config_or_a_corpus_source_is_refused(tmp_path):
    text_draft = draft(tmp_path)
    config = tmp_path / "yinwen.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = corpus / "s.txt"
    source.write_text("+++\ntitle = \"t\"\n+++\n以斗争求安全则安全存，以妥协求安全则安全亡。\n", encoding="utf-8")
    result = run_cli("check", text_draft, "--html-report", config)
    assert result.code == EXIT["usage"] and config.read_text(encoding="utf-8") == 'lang = "en"\n'
    result = run_cli("check", text_draft, "--corpus", corpus, "--write-baseline", source)
    assert result.code == EXIT["usage"] and source.read_text(encoding="utf-8").startswith("+++")


def test_write_baseline_on_a_full_disk_leaves_the_old_baseline_whole(tmp_path):
    text_draft = draft(tmp_path)
    baseline = tmp_path / "baseline.json"
    old = json.dumps({"version": 1, "tool": "yinwen", "findings": []})
    baseline.write_text(old, encoding="utf-8")

    def small_disk() -> None:  # every file this process writes may hold at most 120 bytes
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (120, 120))

    done = run_process("check", text_draft, "--write-baseline", baseline, preexec=small_disk)
    assert done.returncode == EXIT["output"], done.stderr
    assert baseline.read_text(encoding="utf-8") == old
    assert "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_fix_keeps_a_line_typed_during_the_check(tmp_path, monkeypatch):
    import yinwen.report.fixes as fixes

    text_draft = draft(tmp_path)
    original = fixes.fix_document

    def user_types_meanwhile(*args, **kwargs):
        with text_draft.open("a", encoding="utf-8") as handle:
            handle.write("刚刚补写的一行。\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(fixes, "fix_document", user_types_meanwhile)
    result = run_cli("check", text_draft, "--fix", "--lang", "en")
    assert text_draft.read_text(encoding="utf-8") == MISQUOTE_TEXT + "刚刚补写的一行。\n"
    assert result.code == EXIT["output"] and "changed" in result.stderr
    no_traceback(result)


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path):
    target = draft(tmp_path, "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    run_cli("check", link, "--fix")
    assert link.is_symlink() and FIXED in target.read_text(encoding="utf-8")


def test_fix_through_a_symlink_to_another_file_system(tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs a second file system")
    target = shm / f"yinwen-attack-{os.getpid()}.txt"
    target.write_text(MISQUOTE_TEXT, encoding="utf-8")
    try:
        link = tmp_path / "link.txt"
        link.symlink_to(target)
        result = run_cli("check", link, "--fix")
        no_traceback(result)
        assert link.is_symlink() and FIXED in target.read_text(encoding="utf-8")
    finally:
        target.unlink()


def test_fix_keeps_hard_links_owner_and_permissions(tmp_path):
    first = draft(tmp_path, "first.txt")
    second = tmp_path / "second.txt"
    os.link(first, second)
    first.chmod(0o640)
    run_cli("check", first, "--fix")
    assert os.stat(first).st_ino == os.stat(second).st_ino
    assert FIXED in second.read_text(encoding="utf-8")
    assert os.stat(first).st_mode & 0o777 == 0o640
    if os.geteuid() != 0:
        return
    alone = draft(tmp_path, "alone.txt")
    os.chown(alone, 1234, 1234)
    run_cli("check", alone, "--fix")
    assert FIXED in alone.read_text(encoding="utf-8")
    assert (os.stat(alone).st_uid, os.stat(alone).st_gid) == (1234, 1234)


def test_fix_on_a_file_name_of_244_bytes(tmp_path):
    long = draft(tmp_path, "引" * 80 + ".txt")  # 80 × 3 bytes + 4 = 244 bytes, under the 255-byte limit
    result = run_cli("check", long, "--fix")
    no_traceback(result)
    assert FIXED in long.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [long.name]


def test_a_fix_the_files_encoding_cannot_hold_is_withdrawn_not_a_crash(tmp_path):
    big5 = tmp_path / "big5.txt"
    big5.write_bytes((BAD / "big5.txt").read_bytes())
    before = big5.read_bytes()
    result = run_cli("check", "--encoding", "big5", "--fix", "--lang", "en", big5)
    no_traceback(result)
    assert result.code == EXIT["findings"] and "big5" in result.stderr
    assert big5.read_bytes() == before


def test_corpus_add_to_a_read_only_corpus_is_a_message(tmp_path, monkeypatch):
    corpus = tmp_path / "user-corpus"
    corpus.mkdir()
    source = draft(tmp_path, "source.txt", CLEAN_TEXT)
    monkeypatch.setenv("YINWEN_USER_CORPUS", str(corpus))
    corpus.chmod(0o555)
    try:
        if os.access(corpus, os.W_OK):  # root writes anyway: make the folder a file's place instead
            corpus.chmod(0o755)
            corpus.rmdir()
            corpus.write_text("not a folder", encoding="utf-8")
        result = run_cli("corpus", "add", source, "--title", "t", "--id", "attack-readonly")
    finally:
        if corpus.is_dir():
            corpus.chmod(0o755)
    assert result.code == EXIT["usage"] and ("cannot" in result.stderr or "无法" in result.stderr)
    no_traceback(result)
