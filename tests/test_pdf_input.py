"""PDF drafts: text pages checked with pages as locations; a scan without a text layer is reported."""

from __future__ import annotations

from tests.pdfmaker import make_pdf
from yinwen.cli.runner import check_paths
from yinwen.config.settings import Settings

MISQUOTE = "以斗争求安全则安全存，以软弱退让求安全则安全亡"


def test_text_pdf_findings_name_the_page(tmp_path, corpus):
    path = tmp_path / "draft.pdf"
    path.write_bytes(make_pdf([["学习心得体会。"], ["总书记强调：", f"“{MISQUOTE}”。"]]))
    report = check_paths([str(path)], Settings(), corpus=corpus)
    [finding] = [d for d in report.files[0].diagnostics if d.code == "YW101"]
    assert finding.quote == MISQUOTE
    assert (finding.span.location.kind, finding.span.location.number) == ("page", 2)
    assert finding.span.location.label() == "第2页"


def test_scanned_pdf_is_reported_not_passed(tmp_path, corpus):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([[], []]))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"garbage" * 50)
    report = check_paths([str(scan), str(broken)], Settings(), corpus=corpus)
    scan_report, broken_report = report.files
    assert [d.code for d in scan_report.diagnostics] == ["YW001"]
    assert "OCR" in scan_report.diagnostics[0].message and "2 页" in scan_report.diagnostics[0].message
    assert [d.code for d in broken_report.diagnostics] == ["YW001"]
    assert report.exit_code(Settings().fail_on) >= 1


def test_password_protected_pdf_is_yw001_but_owner_only_protection_is_read(tmp_path, corpus):
    import io

    from pypdf import PdfWriter

    def encrypted(user_password: str, name: str):
        writer = PdfWriter(clone_from=io.BytesIO(make_pdf([[f"总书记强调：“{MISQUOTE}”。"]])))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        path = tmp_path / name
        writer.write(str(path))
        return path

    locked, printable = encrypted("secret", "locked.pdf"), encrypted("", "printable.pdf")
    report = check_paths([str(locked), str(printable)], Settings(), corpus=corpus)
    assert [d.code for d in report.files[0].diagnostics] == ["YW001"]
    assert "密码" in report.files[0].diagnostics[0].message
    assert [d.code for d in report.files[1].diagnostics] == ["YW101"]
