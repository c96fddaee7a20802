"""What an input problem is (issue 19, items 2 and 3): a document that cannot be checked is reported
whatever --select says and fails the run (exit 2) unless its code is ignored; a file that is no document
at all is skipped quietly when a folder is walked; an over-size draft fails the run."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, run_cli

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def _corrupt_docx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)


def _docx_without_document(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")


def _binary_txt(path: Path) -> None:
    path.write_bytes(PNG * 20)


def _undecodable_txt(path: Path) -> None:
    path.write_bytes("引文".encode() + b"\xff\xfe\xfa\xfb" * 4)


def _oversize_txt(path: Path) -> None:
    path.write_text(CLEAN_TEXT * 40, encoding="utf-8")  # over --max-size 1000 below


def _empty_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")


# (make the file, its name, the code it must be reported with)
UNCHECKABLE = [
    (_corrupt_docx, "corrupt.docx", "YW001"),
    (_docx_without_document, "hollow.docx", "YW001"),
    (_binary_txt, "image.txt", "YW002"),
    (_undecodable_txt, "broken.md", "YW001"),
    (_oversize_txt, "huge.txt", "YW003"),
    (_empty_pdf, "scan.pdf", "YW001"),
]
IDS = [case[1] for case in UNCHECKABLE]


def check_json(*args: str) -> tuple[int, dict, str]:
    result = run_cli("check", "--format", "json", "--max-size", "1000", *args)
    return result.code, json.loads(result.stdout), result.stderr


def codes_by_name(report: dict) -> dict[str, list[str]]:
    return {Path(f["path"]).name: [d["code"] for d in f["diagnostics"]] for f in report["files"]}


@pytest.mark.parametrize(("make", "name", "code"), UNCHECKABLE, ids=IDS)
@pytest.mark.parametrize("how", ["named", "walked"])
@pytest.mark.parametrize("selection", [(), ("--select", "YW101,duplicated-word")], ids=["all", "select-two"])
def test_a_document_that_cannot_be_checked_fails_the_run_whatever_select_says(tmp_path, make, name, code, how,
                                                                              selection):
    folder = tmp_path / "drafts"
    folder.mkdir()
    make(folder / name)
    (folder / "good.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    target = folder / name if how == "named" else folder
    exit_code, report, _ = check_json(*selection, str(target))
    assert codes_by_name(report)[name] == [code]
    assert exit_code == 2
    (diagnostic,) = next(f for f in report["files"] if f["path"].endswith(name))["diagnostics"]
    assert diagnostic["severity"] == "error" and diagnostic["span"] is None


@pytest.mark.parametrize(("make", "name", "code"), UNCHECKABLE, ids=IDS)
def test_only_ignoring_its_code_silences_an_input_problem(tmp_path, make, name, code):
    make(tmp_path / name)
    (tmp_path / "bad.txt").write_text(MISQUOTE_TEXT, encoding="utf-8")
    exit_code, report, _ = check_json("--ignore", code, str(tmp_path))
    assert codes_by_name(report)[name] == []
    assert exit_code == 1  # the misquote in bad.txt still counts
    (tmp_path / "yinwen.toml").write_text(f'select = ["YW1", "duplicated-word"]\nignore = ["{code}"]\n', encoding="utf-8")
    exit_code, report, _ = check_json(str(tmp_path))
    assert codes_by_name(report)[name] == [] and exit_code == 1


def test_the_readme_sample_selection_does_not_hide_an_unreadable_draft(tmp_path):
    """The README's own config (select = ["YW1", "duplicated-word"]) with a corrupt draft: text output."""
    (tmp_path / "yinwen.toml").write_text('select = ["YW1", "duplicated-word"]\n', encoding="utf-8")
    _corrupt_docx(tmp_path / "draft.docx")
    result = run_cli("check", str(tmp_path / "draft.docx"))
    assert result.code == 2
    assert "draft.docx  YW001 错误" in result.stdout
    assert "1 个文件未能核对" in result.stdout


def test_a_file_that_is_no_document_is_skipped_quietly_when_walking(tmp_path):
    (tmp_path / "photo.png").write_bytes(PNG)
    (tmp_path / "archive.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (tmp_path / "good.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    exit_code, report, stderr = check_json(str(tmp_path))
    assert exit_code == 0 and stderr == ""
    assert list(codes_by_name(report)) == ["good.txt"]
    exit_code, report, _ = check_json(str(tmp_path / "photo.png"))
    assert exit_code == 2 and codes_by_name(report)["photo.png"] == ["YW002"]  # named: it was meant to be checked


def test_an_oversize_draft_fails_the_run_and_says_how_to_check_it(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(MISQUOTE_TEXT * 100, encoding="utf-8")
    result = run_cli("check", "--max-size", "1000", str(draft))
    assert result.code == 2
    assert f"文件大小 {draft.stat().st_size} 字节，超过上限 1000 字节，未核对（可用 --max-size 调高上限）" in result.stdout
    assert run_cli("check", "--max-size", "100000", str(draft)).code == 1
    result = run_cli("check", "-", "--max-size", "1000", "--lang", "en", input=draft.read_bytes())
    assert result.code == 2 and "standard input is over the 1000-byte limit; not checked" in result.stdout


def test_a_quotation_too_long_to_match_is_an_error_finding_not_a_silent_pass(check_text):
    report = check_text("习近平总书记指出：“" + "以斗争求安全则安全存，" * 300 + "”\n")
    (too_long,) = [d for d in report.diagnostics if d.code == "YW003"]
    assert too_long.severity.label == "error" and too_long.span is not None and not too_long.fails_run


def test_input_problems_are_never_accepted_by_a_baseline(tmp_path):
    _corrupt_docx(tmp_path / "draft.docx")
    (tmp_path / "bad.txt").write_text(MISQUOTE_TEXT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    written = run_cli("check", str(tmp_path), "--write-baseline", str(baseline))
    assert written.code == 2 and "draft.docx：YW001" in written.stderr
    assert [entry["code"] for entry in json.loads(baseline.read_text(encoding="utf-8"))["findings"]] == ["YW101"]
    again = run_cli("check", str(tmp_path), "--baseline", str(baseline))
    assert again.code == 2 and "YW001" in again.stdout and "YW101" not in again.stdout


def test_an_unreadable_named_file_is_an_input_problem_too(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    exit_code, report, _ = check_json(str(loop))
    assert exit_code == 2 and codes_by_name(report)["loop.txt"] == ["YW001"]
    exit_code, report, _ = check_json("--ignore", "YW001", str(loop))
    assert exit_code == 0
