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
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT
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


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def run_cli(*args) -> Result:
    """The real command line in this process; an exception that escaped it is kept (it would be a traceback)."""
    from typer.testing import CliRunner

    from yinwen.cli.app import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    escaped = None if result.exception is None or isinstance(result.exception, SystemExit) else result.exception
    return Result(result.exit_code, result.stdout, result.stderr, escaped)


def no_traceback(result) -> None:
    assert getattr(result, "exception", None) is None, repr(result.exception)
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
    no_traceback(run_cli("check", link, "--fix"))
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
    no_traceback(run_cli("check", first, "--fix"))
    assert os.stat(first).st_ino == os.stat(second).st_ino
    assert FIXED in second.read_text(encoding="utf-8")
    assert os.stat(first).st_mode & 0o777 == 0o640
    if os.geteuid() != 0:
        return
    alone = draft(tmp_path, "alone.txt")
    os.chown(alone, 1234, 1234)
    no_traceback(run_cli("check", alone, "--fix"))
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


def test_an_output_to_a_pipe_is_streamed_not_replaced_by_a_file(tmp_path):
    import stat
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = run_cli("check", draft(tmp_path), "--html-report", pipe)
    reader.join(timeout=60)
    no_traceback(result)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)  # /dev/null, as root, used to become a regular file too
    assert received and received[0].startswith(b"<!DOCTYPE html>")


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


# --- 2. Every parser of user data has limits; every value is validated --------------------------------

DEEP_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_JSON = "[" * 100_000 + "]" * 100_000
HUGE_NUMBER = "9" * 5000


def one_line_error(result, *words: str) -> None:
    """Exit 2, no traceback, and one line on stderr that names each of ``words``."""
    no_traceback(result)
    assert result.code == EXIT["usage"], (result.code, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.mark.parametrize("body", [
    DEEP_TOML,
    f"max-size = {HUGE_NUMBER}\n",
    'exclude = ["!"]\n',
    "[per-file-ignores]\n\"!\" = [\"YW101\"]\n",
    "max-size = 0\n",
    "max-size = 10000000000000000000000000000000\n",
    "[thresholds]\nmisquote-min-coverage = 0\n",
    "[thresholds]\nmisquote-min-coverage = nan\n",
    "[thresholds]\nmax-edits-per-10-chars = inf\n",
    "[thresholds]\nreuse-min-chars = 0\n",
    "[thresholds]\nadjacent-max-gap = 100000000000000000000\n",
    'encoding = "base64"\n',
])
def test_a_bad_config_is_one_line_naming_the_file(tmp_path, body):
    (tmp_path / "yinwen.toml").write_text(body, encoding="utf-8")
    one_line_error(run_cli("check", draft(tmp_path)), "yinwen.toml")


def test_every_threshold_has_a_range_its_default_lies_in():
    import dataclasses

    from yinwen.match.thresholds import RANGES, Thresholds, threshold_problem

    names = {field.name for field in dataclasses.fields(Thresholds)}
    assert names == set(RANGES)
    for name in names:
        assert threshold_problem(name, getattr(Thresholds(), name)) is None, name


def test_a_pyproject_above_the_draft_that_is_not_ours_is_ignored_whatever_it_holds(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.other]\n" + DEEP_TOML, encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    result = run_cli("check", draft(sub), "--format", "json")
    no_traceback(result)
    assert result.code == EXIT["findings"]
    (tmp_path / "pyproject.toml").write_text("[tool.yinwen]\n" + DEEP_TOML, encoding="utf-8")
    one_line_error(run_cli("check", draft(sub)), "pyproject.toml")


@pytest.mark.parametrize("body", [DEEP_TOML, f"x = {HUGE_NUMBER}\n",
                                  '[[formulation]]\nname = "两个务必"\nmembers = ["a", "b"]\nvariants = [[1, 2]]\n'])
def test_a_bad_formulations_file_is_one_line(tmp_path, body):
    table = tmp_path / "mine.toml"
    table.write_text(body, encoding="utf-8")
    one_line_error(run_cli("check", draft(tmp_path), "--formulations", table), "mine.toml")


@pytest.mark.parametrize("body", [DEEP_JSON, '{"version": 1, "findings": [{"fingerprint": "x", "count": ' + HUGE_NUMBER + "}]}"])
def test_a_bad_baseline_is_one_line(tmp_path, body):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(body, encoding="utf-8")
    one_line_error(run_cli("check", draft(tmp_path), "--baseline", baseline), "baseline.json")


def test_a_baseline_or_formulations_that_is_a_fifo_or_a_device_is_refused_not_waited_for(tmp_path, monkeypatch):
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    text_draft = draft(tmp_path)
    for option, path in (("--baseline", fifo), ("--baseline", "/dev/zero"), ("--formulations", fifo),
                         ("--formulations", "/dev/zero")):
        done = run_process("check", text_draft, option, path, timeout=60)
        assert done.returncode == EXIT["usage"] and "Traceback" not in done.stderr, (option, path, done.stderr)
        assert str(path) in done.stderr
    monkeypatch.setenv("YINWEN_USER_CORPUS", str(tmp_path / "user-corpus"))
    done = run_process("corpus", "add", "/dev/zero", "--title", "endless", timeout=60)
    assert done.returncode == EXIT["usage"] and "/dev/zero" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [
    ("--max-size", "-5"), ("--max-size", "0"), ("--repeat-min-chars", "1"), ("--reuse-min-chars", "100000000000000000000"),
    ("--jobs", "100000"), ("--encoding", "no-such-codec"), ("--encoding", "zlib"),
])
def test_a_bad_option_value_is_refused_with_a_message(tmp_path, args):
    result = run_cli("check", draft(tmp_path), *args)
    no_traceback(result)
    assert result.code == EXIT["usage"] and args[0] in result.stderr, result.stderr


def test_a_deeply_nested_or_giant_corpus_front_matter_is_a_corpus_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for body in (DEEP_TOML, f"n = {HUGE_NUMBER}\n"):
        (corpus / "s.txt").write_text(f"+++\n{body}+++\n以斗争求安全则安全存。\n", encoding="utf-8")
        one_line_error(run_cli("check", draft(tmp_path), "--corpus", corpus), "s.txt")
    (corpus / "s.txt").unlink()
    (corpus / "c.jsonl").write_text(DEEP_JSON + "\n", encoding="utf-8")
    one_line_error(run_cli("check", draft(tmp_path), "--corpus", corpus), "c.jsonl")


def test_corpus_proc_and_dev_zero_are_one_line_corpus_errors(tmp_path):
    for corpus in ("/proc", "/dev/zero"):
        done = run_process("check", draft(tmp_path), "--corpus", corpus, timeout=300)
        assert done.returncode == EXIT["usage"] and "Traceback" not in done.stderr, done.stderr
        assert corpus in done.stderr


def test_an_unreadable_corpus_file_or_folder_is_named_not_skipped(tmp_path, monkeypatch):
    import pathlib

    corpus = tmp_path / "corpus"
    (corpus / "closed").mkdir(parents=True)
    (corpus / "open.txt").write_text("以斗争求安全则安全存，以妥协求安全则安全亡。\n", encoding="utf-8")
    secret = corpus / "closed" / "secret.txt"
    secret.write_text("以斗争求安全则安全存，以妥协求安全则安全亡。\n", encoding="utf-8")
    secret.chmod(0)
    if os.access(secret, os.R_OK):  # root reads mode-000 files: make the read fail as it would for a user
        real_read = pathlib.Path.read_bytes

        def denied(self):
            if self == secret:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", denied)
        monkeypatch.setattr(pathlib.Path, "read_text", lambda self, *a, **k: denied(self).decode("utf-8"))
    result = run_cli("check", draft(tmp_path), "--corpus", corpus, "--cache-dir", tmp_path / "cache")
    one_line_error(result, "secret.txt")
    monkeypatch.undo()
    secret.chmod(0o644)
    (corpus / "closed").chmod(0)
    if os.access(corpus / "closed", os.R_OK):
        real_scandir = os.scandir

        def unlisted(path="."):
            if os.fspath(path) == os.fspath(corpus / "closed"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", unlisted)
    try:
        result = run_cli("check", draft(tmp_path), "--corpus", corpus, "--cache-dir", tmp_path / "cache")
    finally:
        (corpus / "closed").chmod(0o755)
    one_line_error(result, "closed")


# --- 3. File names and encodings as the OS and the user give them --------------------------------------


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "rdjson", "html"])
def test_a_file_name_that_is_not_utf8_is_checked_and_shown_escaped(tmp_path, output_format):
    folder = tmp_path / "docs"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: not UTF-8
    (folder / name).write_text(MISQUOTE_TEXT, encoding="utf-8")
    result = run_cli("check", folder, "--format", output_format)
    no_traceback(result)
    assert result.code == EXIT["findings"], result.stderr
    assert "xe9.txt" in result.stdout  # caf\xe9.txt, with the backslash as each format writes it
    result.stdout.encode("utf-8")  # every byte of the report is valid UTF-8


def test_fix_writes_the_file_with_the_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(MISQUOTE_TEXT, encoding="utf-8")
    result = run_cli("check", tmp_path, "--fix")
    no_traceback(result)
    assert os.listdir(tmp_path) == [name]
    assert FIXED in (tmp_path / name).read_text(encoding="utf-8")


def test_an_encoding_that_yields_lone_surrogates_is_a_decode_error(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes("标题\n".encode("utf-7") + b"+2AA-\n")
    result = run_cli("check", "--encoding", "utf-7", "--format", "json", "--lang", "en", path)
    no_traceback(result)
    (diagnostic,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert diagnostic["code"] == "YW001" and "surrogate" in diagnostic["message"]
    for output_format in ("text", "sarif", "html"):
        no_traceback(run_cli("check", "--encoding", "utf-7", "--format", output_format, path))


# --- 4. Bounded time and memory on any input -------------------------------------------------------------


def table_docx(path: Path, rows: int) -> Path:
    """A .docx whose body is one two-column table of ``rows`` rows (written as XML: python-docx's add_row
    is itself quadratic)."""
    import docx
    from docx.oxml.parser import parse_xml

    from tests.docxmaker import W_NS

    document = docx.Document()
    document.add_paragraph("学习体会")
    cells = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>第{i}行</w:t></w:r></w:p></w:tc>"
                    f"<w:tc><w:p><w:r><w:t>内容{i}</w:t></w:r></w:p></w:tc></w:tr>" for i in range(rows))
    document.element.body.insert(0, parse_xml(f'<w:tbl xmlns:w="{W_NS}"><w:tblGrid><w:gridCol/><w:gridCol/>'
                                              f"</w:tblGrid>{cells}</w:tbl>"))
    document.save(str(path))
    return path


def test_reading_a_docx_table_is_linear_in_its_rows(tmp_path):
    import time

    from yinwen.formats.load import load_rich

    def seconds(rows: int) -> float:
        path = table_docx(tmp_path / f"{rows}.docx", rows)
        best = float("inf")
        for _ in range(2):
            started = time.process_time()
            document = load_rich(path, path.name)
            best = min(best, time.process_time() - started)
        assert document.location(document.text.index(f"内容{rows - 1}")).row == rows
        return best

    small, large = seconds(500), seconds(2000)
    assert large / small < 8, (small, large)  # linear is 4, quadratic 16 (2,000 rows took 18 s)


def test_the_text_a_docx_yields_is_held_to_the_size_limit(tmp_path):
    from tests.docxmaker import docx_from_text

    text = ("“" + "以斗争求安全则安全存" + "”" * 1) * 20_000  # 240,000 characters of quotations
    path = docx_from_text(text, tmp_path / "small.docx", every=len(text))
    assert path.stat().st_size < 100_000  # the file is small; the text is not
    result = run_cli("check", path, "--max-size", "200000", "--format", "json", "--lang", "en")
    no_traceback(result)
    (file,) = json.loads(result.stdout)["files"]
    assert [d["code"] for d in file["diagnostics"]] == ["YW003"] and not file["quotes"]


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "rdjson", "html"])
def test_quotation_marks_past_the_limit_are_one_yw003_and_the_report_stays_small(tmp_path, output_format):
    from yinwen.text.quotes import MAX_MARKS

    path = tmp_path / "marks.txt"
    path.write_text("“”" * 50_000 + "\n" + MISQUOTE_TEXT, encoding="utf-8")  # 300 KB, 100,000 marks
    result = run_cli("check", path, "--format", output_format, "--lang", "en")
    no_traceback(result)
    assert "YW003" in result.stdout or "too-large" in result.stdout
    assert len(result.stdout) < 8_000_000
    if output_format == "json":
        (file,) = json.loads(result.stdout)["files"]
        (cut,) = [d for d in file["diagnostics"] if d["code"] == "YW003"]
        assert cut["span"]["start"] == MAX_MARKS and len(file["quotes"]) == MAX_MARKS // 2


def test_a_docx_that_declares_an_entity_gets_a_valid_annotated_copy(tmp_path):
    import zipfile

    from lxml import etree

    from tests.docxmaker import docx_from_text

    plain = docx_from_text(MISQUOTE_TEXT.strip(), tmp_path / "plain.docx", every=200)
    declared = tmp_path / "entity.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(declared, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, body = data.decode("utf-8").split("\n", 1)
                body = body.replace("历史反复证明", "历史&org;反复证明")
                data = f'{head}\n<!DOCTYPE w:document [<!ENTITY org "中央">]>\n{body}'.encode()
            target.writestr(item, data)
    out = tmp_path / "annotated.docx"
    result = run_cli("check", declared, "--annotate", out, "--fix")
    no_traceback(result)
    assert result.code == EXIT["findings"]
    with zipfile.ZipFile(out) as annotated:
        for name in annotated.namelist():
            if name.endswith(".xml"):
                etree.fromstring(annotated.read(name))  # a strict parse: no undefined entity anywhere
        assert b"commentRangeStart" in annotated.read("word/document.xml")


def test_jobs_n_checks_exactly_what_jobs_1_checks(tmp_path):
    (tmp_path / "yinwen.toml").write_text(
        'include = ["*.txt"]\nexclude = ["archive/"]\n[per-file-ignores]\n"legacy/**" = ["YW101"]\n', encoding="utf-8")
    for folder in ("archive", "legacy", "current"):
        (tmp_path / folder).mkdir()
        draft(tmp_path / folder, "a.txt")
        draft(tmp_path / folder, "b.md")
    serial = run_cli("check", tmp_path, "--format", "json", "--jobs", "1")
    parallel = run_cli("check", tmp_path, "--format", "json", "--jobs", "2")
    no_traceback(parallel)
    assert parallel.stdout == serial.stdout and parallel.code == serial.code
    paths = [file["path"] for file in json.loads(serial.stdout)["files"]]
    assert [Path(p).relative_to(tmp_path).as_posix() for p in paths] == ["current/a.txt", "legacy/a.txt"]
    assert serial.stdout.count('"YW101"') == 1


def test_running_out_of_memory_is_one_line_not_a_traceback(monkeypatch, capsys, tmp_path):
    import yinwen.report.json_format as json_format
    from yinwen.cli.app import main

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(json_format, "render", no_memory)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    monkeypatch.setattr(sys, "argv", ["yinwen", "check", str(draft(tmp_path)), "--format", "json"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == EXIT["usage"]
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and "memory" in err


# --- 5. A damaged or unwritable cache is never trusted, and costs one warning ---------------------------


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache of this test's own, and a fresh lexicon before and after."""
    from yinwen.text import segment, wordseg

    monkeypatch.setenv("YINWEN_CACHE_DIR", str(tmp_path / "cache"))
    wordseg.lexicon.cache_clear()
    segment._cutter.cache_clear()
    yield tmp_path / "cache"
    wordseg.lexicon.cache_clear()
    segment._cutter.cache_clear()


def lexicon_files(cache: Path) -> Path:
    return next((cache / "lexicon").iterdir())


def test_a_zeroed_lexicon_array_is_detected_on_the_next_load_and_rebuilt(own_cache, capsys):
    import numpy as np

    from yinwen.text import wordseg

    words = wordseg.cut("二十大大报告和常常学习")
    freqs = lexicon_files(own_cache) / "freqs.npy"
    header = len(freqs.read_bytes()) - len(np.load(freqs)) * 8
    with freqs.open("r+b") as handle:  # the data, not the header: the file still loads as an array
        handle.seek(header)
        handle.write(bytes(len(freqs.read_bytes()) - header))
    wordseg.lexicon.cache_clear()
    assert wordseg.cut("二十大大报告和常常学习") == words
    assert "lexicon" in capsys.readouterr().err
    assert int(np.load(freqs).max()) > 0


def test_a_flipped_lexicon_byte_does_not_survive_corpus_build(own_cache, tmp_path):
    from yinwen.text import wordseg

    wordseg.lexicon()
    freqs = lexicon_files(own_cache) / "freqs.npy"
    sound = freqs.read_bytes()
    damaged = bytearray(sound)
    damaged[len(sound) // 2] ^= 0x40
    freqs.write_bytes(bytes(damaged))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "s.txt").write_text("以斗争求安全则安全存，以妥协求安全则安全亡。\n", encoding="utf-8")
    wordseg.lexicon.cache_clear()
    result = run_cli("corpus", "build", corpus)
    no_traceback(result)
    assert freqs.read_bytes() == sound


def test_an_unwritable_cache_builds_the_lexicon_once_per_process_with_one_warning(tmp_path, monkeypatch):
    import pathlib

    from yinwen.text import segment, wordseg

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("YINWEN_CACHE_DIR", str(blocked))
    wordseg.lexicon.cache_clear()
    segment._cutter.cache_clear()
    opened = []
    real_open = pathlib.Path.open

    def counting_open(self, *args, **kwargs):
        if self.name == "dict.txt":
            opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "s.txt").write_text("以斗争求安全则安全存，以妥协求安全则安全亡。\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for number, text in enumerate(["认真学习党的二十大大报告。", "我们要要坚持学习。", "常常学学习，天天向上上。"]):
        draft(drafts, f"{number}.txt", text + "\n")
    try:
        result = run_cli("check", drafts, "--corpus", corpus, "--format", "json")
    finally:
        wordseg.lexicon.cache_clear()
        segment._cutter.cache_clear()
    no_traceback(result)
    assert len(opened) <= 1, len(opened)  # dict.txt parsed once, not once per word looked up
    assert result.stderr.count("lexicon") <= 1
