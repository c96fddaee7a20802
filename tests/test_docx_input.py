"""Word drafts in: text in reading order, locations Word users can find, bad files as YW001."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.docxmaker import add_footnotes, add_split_paragraph, add_text_box, add_tracked, docx_from_text
from yinwen.cli.runner import check_paths
from yinwen.config.settings import Settings
from yinwen.formats.docx import extract, open_docx
from yinwen.formats.errors import InputError
from yinwen.formats.legacy import soffice

MISQUOTE = "以斗争求安全则安全存，以软弱退让求安全则安全亡"
SOURCE = "以斗争求安全则安全存，以妥协求安全则安全亡"
VERIFIED = "全心全意为人民服务"


def findings(report_file):
    return [(d.code, d.quote, d.span.line if d.span else None, d.span.column if d.span else None)
            for d in report_file.diagnostics]


@pytest.fixture(scope="module")
def rich_docx(tmp_path_factory) -> Path:
    """Body with split runs, a table, a header, a footnote, tracked changes and a text box."""
    import docx

    path = tmp_path_factory.mktemp("docx") / "draft.docx"
    document = docx.Document()
    add_split_paragraph(document, "主题教育交流研讨发言", every=3)
    add_split_paragraph(document, f"历史反复证明，“{MISQUOTE}”。", every=4)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "要求"
    table.cell(1, 1).text = f"习近平总书记强调：“{MISQUOTE}”。"
    tracked = document.add_paragraph("我们要坚持")
    add_tracked(tracked, inserted="全心全意", deleted="半心半意")
    add_text_box(document.add_paragraph("见图："), "文本框里的话")
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    add_footnotes(document, [f"毛泽东强调“{VERIFIED}”。"])
    document.save(str(path))
    return path


def test_extraction_reads_every_part_in_order(rich_docx):
    extracted = extract(open_docx(rich_docx))
    lines = extracted.text.split("\n")
    assert lines[0] == "主题教育交流研讨发言"
    assert lines[1] == f"历史反复证明，“{MISQUOTE}”。"  # runs of different formatting joined
    assert f"习近平总书记强调：“{MISQUOTE}”。" in lines
    assert "我们要坚持全心全意" in lines  # tracked insertion counted, deletion not
    assert "半心半意" not in extracted.text
    assert extracted.text.count("文本框里的话") == 1  # the VML fallback copy is not read twice
    assert lines.index("页眉文字") < lines.index(f"毛泽东强调“{VERIFIED}”。")


def test_findings_name_paragraph_table_cell_and_footnote(rich_docx, corpus):
    report = check_paths([str(rich_docx)], Settings(), corpus=corpus)
    file = report.files[0]
    misquotes = [d for d in file.diagnostics if d.code == "YW101"]
    assert [d.quote for d in misquotes] == [MISQUOTE, MISQUOTE]
    body, cell = (d.span.location for d in misquotes)
    assert (body.kind, body.number) == ("body", 2)
    assert (cell.kind, cell.number, cell.row, cell.column) == ("table", 1, 2, 2)
    assert cell.label() == "表格1 第2行第2列" and cell.label("en") == "table 1, row 2, column 2"
    verified = [m for m in file.matches if m.quote.text == VERIFIED]
    assert verified and verified[0].verdict == "verified"
    assert file.document.location(verified[0].quote.start).kind == "footnote"


def test_docx_of_the_seed_gets_the_same_findings_as_the_txt(tmp_path, corpus):
    text = SEED.read_text(encoding="utf-8")
    docx_path = docx_from_text(text, tmp_path / "seed.docx")
    report = check_paths([str(SEED), str(docx_path)], Settings(), corpus=corpus)
    from_txt, from_docx = report.files
    assert findings(from_txt)  # the seed has findings to compare
    assert findings(from_docx) == findings(from_txt)
    assert [m.verdict for m in from_docx.matches] == [m.verdict for m in from_txt.matches]


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_bad_word_files_become_yw001_and_the_batch_goes_on(tmp_path, rich_docx, corpus, monkeypatch):
    import yinwen.formats.legacy as legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(rich_docx.read_bytes()[:2000])
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    bomb = write_zip(tmp_path / "bomb.docx", {"word/document.xml": b"<a/>", "word/media/x.bin": b"\x00" * (24 << 20)})
    not_word = write_zip(tmp_path / "other.docx", {"hello.txt": b"hi"})
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    paths = [truncated, encrypted, bomb, not_word, old, rich_docx]
    report = check_paths([str(p) for p in paths], Settings(), corpus=corpus)
    by_name = {Path(f.path).name: f for f in report.files}
    for name in ("truncated.docx", "locked.docx", "bomb.docx", "other.docx", "old.doc"):
        assert [d.code for d in by_name[name].diagnostics] == ["YW001"], name
    assert "密码" in by_name["locked.docx"].diagnostics[0].message
    assert "压缩炸弹" in by_name["bomb.docx"].diagnostics[0].message
    assert ".docx" in by_name["old.doc"].diagnostics[0].message
    assert any(d.code == "YW101" for d in by_name["draft.docx"].diagnostics)  # the good file was still checked
    assert report.exit_code(Settings().fail_on) == 2  # files that could not be checked fail the run


def test_open_docx_refuses_a_zip_bomb_before_parsing(tmp_path):
    bomb = write_zip(tmp_path / "bomb.docx", {"word/document.xml": b"<" * (30 << 20)})
    with pytest.raises(InputError, match="zip bomb"):
        open_docx(bomb)


def test_directories_yield_word_and_pdf_drafts_but_not_lock_files(tmp_path, rich_docx):
    from yinwen.cli.inputs import expand

    (tmp_path / "a.docx").write_bytes(rich_docx.read_bytes())
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    inputs, errors = expand([str(tmp_path)], Settings().suffixes)
    assert [item.path.name for item in inputs] == ["a.docx", "b.pdf"] and not errors


@pytest.mark.skipif(soffice() is None, reason="needs LibreOffice (apt-get install libreoffice-writer-nogui)")
def test_old_doc_is_converted_with_libreoffice_and_checked_like_the_txt(tmp_path, corpus):
    import subprocess

    docx_path = docx_from_text(SEED.read_text(encoding="utf-8"), tmp_path / "seed.docx")
    subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    report = check_paths([str(SEED), str(tmp_path / "seed.doc")], Settings(), corpus=corpus)
    from_txt, from_doc = report.files
    assert findings(from_doc) == findings(from_txt)
