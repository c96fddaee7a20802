"""The bad-input matrix (issue 8): every odd file gives its diagnostic and exit code through the CLI.

The committed fixtures in tests/fixtures/bad-input/ (written by docs/scripts/make_bad_inputs.py)
carry the same three lines — a title, a verified quotation on line 2 and the seed's misquote on
line 3 — so each case asserts that the text was decoded and positioned correctly, not only that
nothing crashed. File-system cases (unreadable, symlink loop, 20 MB) are made at test time.
"""

from __future__ import annotations

import json
import os
import pathlib
import time

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from yinwen.cli.app import app
from yinwen.rules.invisible import INVISIBLE
from yinwen.text.document import decode

BAD = FIXTURES / "bad-input"
VERIFIED = "要践行宗旨为民造福，教育引导广大党员、干部牢固树立以人民为中心的发展思想。"
MISQUOTE = "以斗争求安全则安全存，以软弱退让求安全则安全亡"


def run(*args: str) -> tuple[int, dict | None, str]:
    """Exit code, parsed JSON report (None when stdout is empty) and stderr of one CLI run."""
    result = CliRunner().invoke(app, ["check", "--format", "json", "--lang", "en", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, (json.loads(result.stdout) if result.stdout.strip() else None), result.stderr


def only_file(report: dict) -> dict:
    (file,) = report["files"]
    return file


def codes(file: dict) -> list[str]:
    return [d["code"] for d in file["diagnostics"]]


def assert_three_lines(file: dict, verified_at: tuple[int, int] = (2, 11), misquote_at: tuple[int, int] = (3, 9)) -> None:
    """The verified quotation and the YW101 misquote, decoded and positioned correctly."""
    quotes = [(q["verdict"], INVISIBLE.sub("", q["text"]), (q["span"]["line"], q["span"]["column"])) for q in file["quotes"]]
    assert quotes == [("verified", VERIFIED, verified_at), ("misquote", MISQUOTE, misquote_at)]
    (yw101,) = [d for d in file["diagnostics"] if d["code"] == "YW101"]
    assert (yw101["span"]["line"], yw101["span"]["column"]) == misquote_at
    assert yw101["fix"] == "以斗争求安全则安全存，以妥协求安全则安全亡"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf8.txt", "utf-8"),
        ("utf8-bom.txt", "utf-8"),
        ("utf16-le.txt", "utf-16-le"),
        ("utf16-be.txt", "utf-16-be"),
        ("gb18030.txt", "gb18030"),
        ("gbk.txt", "gb18030"),
        ("crlf.txt", "utf-8"),
        ("cr.txt", "utf-8"),
        ("no-final-newline.txt", "utf-8"),
    ],
)
def test_encodings_and_line_ends_decode_to_the_same_findings(name: str, encoding: str) -> None:
    path = BAD / name
    assert decode(path.read_bytes())[1] == encoding
    code, report, stderr = run(str(path))
    file = only_file(report)
    assert code == 1, stderr
    assert codes(file) == ["YW101"]
    assert_three_lines(file)


def test_spans_index_the_decoded_text_for_every_line_end() -> None:
    for name in ("crlf.txt", "cr.txt", "utf16-be.txt", "astral.txt", "u2028.txt"):
        text, _ = decode((BAD / name).read_bytes())
        _, report, _ = run(str(BAD / name))
        quotes = only_file(report)["quotes"]
        # Both quotations are found and judged (an empty list, as a damaged index gives, must not pass).
        assert [q["verdict"] for q in quotes] == ["verified", "misquote"], name
        for quote in quotes:
            assert text[quote["span"]["start"]:quote["span"]["end"]] == quote["text"], name


def test_big5_is_refused_by_default_and_checked_with_its_encoding() -> None:
    # Big5 decodes "successfully" as GB18030 into mojibake full of private-use characters; it is
    # refused (YW001 at the first such byte) instead of being checked as nonsense.
    code, report, _ = run(str(BAD / "big5.txt"))
    (diagnostic,) = only_file(report)["diagnostics"]
    assert (code, diagnostic["code"], diagnostic["details"]["byte_offset"]) == (2, "YW001", "2")
    assert "big5" in diagnostic["message"]
    code, report, _ = run("--encoding", "big5", str(BAD / "big5.txt"))
    file = only_file(report)
    assert code == 1 and codes(file) == ["YW101"]
    assert [q["verdict"] for q in file["quotes"]] == ["verified", "misquote"]


def test_invalid_utf8_names_the_byte_offset() -> None:
    code, report, _ = run(str(BAD / "invalid-utf8.txt"))
    (diagnostic,) = only_file(report)["diagnostics"]
    assert (code, diagnostic["code"], diagnostic["details"]["byte_offset"]) == (2, "YW001", "27")
    assert (BAD / "invalid-utf8.txt").read_bytes()[27] == 0xFF
    assert "27" in diagnostic["message"]


def test_utf16_without_bom_is_not_guessed() -> None:
    code, report, _ = run(str(BAD / "utf16-le-no-bom.txt"))
    assert (code, codes(only_file(report))) == (2, ["YW002"])  # its NUL bytes make it binary


def test_binary_under_a_document_name_in_a_directory_fails_the_run_and_the_rest_is_checked() -> None:
    code, report, _ = run(str(BAD / "with-binary"))
    image, draft = report["files"]
    assert image["path"].endswith("a-image.txt") and codes(image) == ["YW002"]
    assert image["diagnostics"][0]["severity"] == "error"
    assert_three_lines(draft)
    assert code == 2
    code, report, _ = run("--ignore", "YW002", str(BAD / "with-binary"))
    assert code == 1 and [codes(f) for f in report["files"]][0] == []


def test_binary_named_directly_is_an_error() -> None:
    code, report, _ = run(str(BAD / "with-binary" / "a-image.txt"))
    assert (code, codes(only_file(report))) == (2, ["YW002"])


def test_empty_file_is_clean() -> None:
    code, report, _ = run(str(BAD / "empty.txt"))
    file = only_file(report)
    assert (code, file["quotes"], file["diagnostics"]) == (0, [], [])
    assert report["summary"]["files"] == 1


def test_u2028_does_not_start_a_line() -> None:
    code, report, _ = run(str(BAD / "u2028.txt"))
    file = only_file(report)
    assert code == 1
    # Title (9 characters) + U+2028 + 习近平总书记指出：“ (10): the quotation starts at column 21 of line 1.
    assert_three_lines(file, verified_at=(1, 21), misquote_at=(2, 9))


def test_zero_width_characters_inside_a_quote_are_matched_and_reported() -> None:
    code, report, _ = run(str(BAD / "zero-width.txt"))
    file = only_file(report)
    assert code == 1
    assert file["quotes"][0]["verdict"] == "verified"
    invisible = [(d["span"]["line"], d["span"]["column"], d["details"]["characters"]) for d in file["diagnostics"]
                 if d["code"] == "YW005"]
    assert invisible == [(2, 18, "U+200B"), (2, 45, "U+200D")]
    assert_three_lines(file)


def test_astral_characters_count_as_one_column() -> None:
    code, report, _ = run(str(BAD / "astral.txt"))
    assert code == 1
    assert_three_lines(only_file(report), verified_at=(2, 13), misquote_at=(3, 10))


def test_missing_path_is_a_usage_error_and_other_files_still_report(tmp_path: pathlib.Path) -> None:
    code, report, stderr = run(str(tmp_path / "nope.txt"), str(BAD / "utf8.txt"))
    assert code == 2
    assert "nope.txt: no such file or directory" in stderr
    assert_three_lines(only_file(report))


def test_symlink_loop(tmp_path: pathlib.Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    (tmp_path / "draft.txt").write_bytes((BAD / "utf8.txt").read_bytes())
    code, report, stderr = run(str(loop))
    (diagnostic,) = only_file(report)["diagnostics"]
    assert code == 2 and diagnostic["code"] == "YW001" and "cannot read" in diagnostic["message"]
    code, report, _ = run(str(tmp_path))
    by_name = {pathlib.Path(f["path"]).name: f for f in report["files"]}
    assert codes(by_name["loop.txt"]) == ["YW001"]
    assert_three_lines(by_name["draft.txt"])
    assert code == 2


def test_unreadable_file_in_a_directory(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "a-secret.txt"
    secret.write_bytes((BAD / "utf8.txt").read_bytes())
    (tmp_path / "b-draft.txt").write_bytes((BAD / "utf8.txt").read_bytes())
    secret.chmod(0)
    if os.geteuid() == 0:
        # root reads mode-000 files anyway (CI runs as root): make the read fail as it would for a user.
        real = pathlib.Path.read_bytes

        def read_bytes(self: pathlib.Path) -> bytes:
            if self.name == secret.name:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    try:
        code, report, _ = run(str(tmp_path))
        unreadable, draft = report["files"]
        assert codes(unreadable) == ["YW001"] and "Permission denied" in unreadable["diagnostics"][0]["message"]
        assert_three_lines(draft)
        assert code == 2
        code, report, stderr = run(str(secret))
        (diagnostic,) = only_file(report)["diagnostics"]
        assert code == 2 and diagnostic["message"] == "cannot read: Permission denied"
    finally:
        secret.chmod(0o644)


@pytest.fixture(scope="module")
def twenty_mb(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """20 MB of real prose (quotation marks removed) ending in the misquote line."""
    draft = (FIXTURES / "real-drafts" / "sx-2019-09-01-kaixue-dianli-jianghua.txt").read_text(encoding="utf-8")
    prose = "".join(ch for ch in draft if ch not in "“”‘’「」『』\"").encode("utf-8")
    size = 20 * 1024 * 1024
    body = (prose * (size // len(prose) + 1))[: size - 200]
    body = body[: body.rindex(b"\n") + 1] + "历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。\n".encode()
    path = tmp_path_factory.mktemp("huge") / "huge.txt"
    path.write_bytes(body)
    return path


def test_twenty_mb_file_is_skipped_at_the_default_limit(twenty_mb: pathlib.Path) -> None:
    code, report, _ = run(str(twenty_mb))
    (diagnostic,) = only_file(report)["diagnostics"]
    assert (code, diagnostic["code"], diagnostic["severity"]) == (2, "YW003", "error")
    assert str(twenty_mb.stat().st_size) in diagnostic["message"]


def test_twenty_mb_file_is_checked_with_a_raised_limit(twenty_mb: pathlib.Path) -> None:
    started = time.perf_counter()
    code, report, _ = run("--max-size", str(30 * 1024 * 1024), str(twenty_mb))
    elapsed = time.perf_counter() - started
    file = only_file(report)
    assert code == 1 and codes(file)[-1] == "YW101"
    assert file["diagnostics"][-1]["span"]["line"] == twenty_mb.read_bytes().count(b"\n")
    # Measured 2.4 s on an idle machine with 2 cores, 35-45 s with five test runs beside it. Speed is
    # benchmarks/attacks.py's to measure; this bound only catches a step gone quadratic (minutes).
    assert elapsed < 180, elapsed


def test_unlistable_directory_is_an_error_not_silence(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hidden = tmp_path / "sub"
    hidden.mkdir()
    (hidden / "b-draft.txt").write_bytes((BAD / "utf8.txt").read_bytes())
    (tmp_path / "a-draft.txt").write_bytes((BAD / "utf8.txt").read_bytes())
    hidden.chmod(0)
    if os.geteuid() == 0:
        # root lists mode-000 directories anyway: make the listing fail as it would for a user.
        real = os.scandir

        def scandir(path="."):
            if os.fspath(path) == os.fspath(hidden):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, report, stderr = run(str(tmp_path))
    finally:
        hidden.chmod(0o755)
    assert code == 2
    assert f"{hidden.as_posix()}: cannot list directory: Permission denied" in stderr
    assert_three_lines(only_file(report))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_and_device_are_refused_not_read(tmp_path: pathlib.Path) -> None:
    """A FIFO named like a draft would block for ever and /dev/zero would never end (run in a
    subprocess with a timeout, so a regression fails instead of hanging the suite)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    os.mkfifo(tmp_path / "a-pipe.txt")
    (tmp_path / "b-draft.txt").write_bytes((BAD / "utf8.txt").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "yinwen", "check", "--lang", "en", "--format", "json", str(tmp_path), "/dev/zero"],
                          capture_output=True, env=env, timeout=120)
    pipe, draft, zero = json.loads(done.stdout)["files"]
    assert codes(pipe) == ["YW001"] and codes(zero) == ["YW001"]
    assert "not a regular file" in pipe["diagnostics"][0]["message"]
    assert_three_lines(draft)
    assert done.returncode == 2


def test_standard_input_is_decoded_like_a_file_and_bounded() -> None:
    data = (BAD / "gb18030.txt").read_bytes()
    result = CliRunner().invoke(app, ["check", "--format", "json", "-"], input=data)
    assert result.exit_code == 1
    assert_three_lines(only_file(json.loads(result.stdout)))
    result = CliRunner().invoke(app, ["check", "--format", "json", "--max-size", "100", "-"], input=data)
    (diagnostic,) = only_file(json.loads(result.stdout))["diagnostics"]
    assert (result.exit_code, diagnostic["code"]) == (2, "YW003")
