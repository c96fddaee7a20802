"""--annotate writes Word comments on the quotations (and tracked fixes); --fix rewrites text files safely."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from tests.docxmaker import add_split_paragraph, docx_from_text
from yinwen.cli.app import app
from yinwen.diagnostics import Diagnostic, Severity, Span
from yinwen.formats.docx import W, extract, open_docx
from yinwen.report.fixes import offers
from yinwen.text.document import Document

MISQUOTE = "以斗争求安全则安全存，以软弱退让求安全则安全亡"
SOURCE = "以斗争求安全则安全存，以妥协求安全则安全亡"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def draft(tmp_path) -> Path:
    import docx

    document = docx.Document()
    add_split_paragraph(document, "学习体会", every=2)
    add_split_paragraph(document, f"历史反复证明，“{MISQUOTE}”。我们要牢记。", every=4)
    document.add_table(rows=1, cols=1).cell(0, 0).text = f"总书记强调：“{MISQUOTE}”"
    path = tmp_path / "draft.docx"
    document.save(str(path))
    return path


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment id → the text between its range markers, read from the saved document.xml."""
    document = open_docx(path)
    texts: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for element in document.element.body.iter():
        if element.tag == W + "commentRangeStart":
            open_ids.add(element.get(W + "id"))
            texts.setdefault(element.get(W + "id"), [])
        elif element.tag == W + "commentRangeEnd":
            open_ids.discard(element.get(W + "id"))
        elif element.tag == W + "t" and element.text:
            for comment_id in open_ids:
                texts[comment_id].append(element.text)
    return {key: "".join(value) for key, value in texts.items()}


def bold_map(path: Path) -> list[tuple[str, bool]]:
    import docx

    return [(ch, bool(run.bold)) for paragraph in docx.Document(str(path)).paragraphs
            for run in paragraph.runs for ch in run.text]


def test_annotated_copy_has_a_comment_on_each_quotation(draft, tmp_path):
    import docx

    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "annotated.docx"
    result = run("check", str(draft), "--annotate", str(out))
    assert result.exit_code == 1, result.output
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before  # the original is never written
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == 2
    for comment in comments:
        assert comment.text.startswith("YW101 ")
        assert f"原文：{SOURCE}" in comment.text
        assert "出处：习近平《" in comment.text
        assert comment.author == "yinwen 引文核对"
    assert sorted(anchored_texts(out).values()) == [MISQUOTE, MISQUOTE]  # exactly the quotation, across runs
    assert bold_map(out) == bold_map(draft)  # formatting unchanged character by character
    assert extract(open_docx(out)).text == extract(open_docx(draft)).text


def test_annotate_with_fix_writes_tracked_changes_that_check_clean(draft, tmp_path):
    out = tmp_path / "fixed.docx"
    result = run("check", str(draft), "--annotate", str(out), "--fix")
    assert result.exit_code == 1, result.output
    text = extract(open_docx(out)).text
    assert text.count(SOURCE) == 2 and MISQUOTE not in text  # insertions count, deletions do not
    document = open_docx(out)
    # Only the changed words are struck out and inserted, not the whole quotation.
    deleted = [t.text for t in document.element.body.iter(W + "delText")]
    inserted = ["".join(t.text for t in ins.iter(W + "t")) for ins in document.element.body.iter(W + "ins")]
    assert "".join(deleted) == "软弱退让" * 2 and inserted == ["妥协", "妥协"]
    recheck = run("check", str(out), "--format", "json")
    assert recheck.exit_code == 0, recheck.output


def test_annotate_refuses_to_overwrite_the_draft(draft):
    result = run("check", str(draft), "--annotate", str(draft))
    assert result.exit_code == 2
    assert "拒绝覆盖" in result.output
    result = run("check", str(draft), "--annotate", str(draft), "--lang", "en")
    assert result.exit_code == 2
    assert "overwrite" in result.output


def test_seed_docx_gets_one_comment_per_finding(tmp_path):
    import docx

    source = docx_from_text(SEED.read_text(encoding="utf-8"), tmp_path / "seed.docx")
    out = tmp_path / "seed-annotated.docx"
    checked = run("check", str(source), "--format", "json")
    import json

    expected = json.loads(checked.stdout)["files"][0]["diagnostics"]
    assert run("check", str(source), "--annotate", str(out)).exit_code == 1
    comments = list(docx.Document(str(out)).comments)
    assert [c.text.split(" ", 1)[0] for c in comments] == [d["code"] for d in expected]


def encode_like(text: str, encoding: str, bom: bytes = b"") -> bytes:
    return bom + text.encode(encoding)


@pytest.mark.parametrize(("encoding", "bom", "newline"), [("gb18030", b"", "\r\n"), ("utf-8", codecs.BOM_UTF8, "\n")])
def test_fix_rewrites_text_files_idempotently_keeping_encoding(tmp_path, encoding, bom, newline):
    text = SEED.read_text(encoding="utf-8").replace("\n", newline)
    path = tmp_path / "draft.txt"
    path.write_bytes(encode_like(text, encoding, bom))
    assert run("check", str(path)).exit_code == 1
    assert path.read_bytes() == encode_like(text, encoding, bom)  # not touched without --fix
    run("check", str(path), "--fix")
    once = path.read_bytes()
    assert once.startswith(bom)
    fixed = once[len(bom):].decode(encoding)
    assert MISQUOTE not in fixed and SOURCE in fixed
    assert "精气神。”" in fixed  # the sentence's own full stop stays inside the quotation
    assert fixed.count("\r\n") == text.count("\r\n")
    assert len(fixed.split(newline)) == len(text.split(newline))
    run("check", str(path), "--fix")
    assert path.read_bytes() == once  # fixing twice = fixing once
    result = run("check", str(path), "--format", "json")
    import json

    left = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert not [d for d in left if d["code"] in ("YW101", "YW104") and d["fix"] is not None]


def test_overlapping_fixes_are_ambiguous_and_dropped():
    document = Document.from_text("d.txt", "甲乙丙丁戊己")

    def fix(start: int, end: int, wording: str) -> Diagnostic:
        return Diagnostic("YW101", "misquote", Severity.ERROR, "", Span(start, end, 1, start + 1, 1, end + 1), fix=wording)

    lone, first, second, same = fix(0, 1, "子"), fix(2, 4, "丑寅"), fix(3, 5, "卯辰"), fix(5, 6, "己")
    assert [offer.diagnostic for offer in offers(document, [lone, first, second, same])] == [lone]


def test_quotation_over_two_paragraphs_is_commented_but_not_fixed(tmp_path):
    import docx

    document = docx.Document()
    add_split_paragraph(document, "习近平总书记指出：“以斗争求安全则安全存，", every=4)
    add_split_paragraph(document, "“以软弱退让求安全则安全亡”。", every=4)
    draft = tmp_path / "two.docx"
    document.save(str(draft))
    out = tmp_path / "two-annotated.docx"
    assert run("check", str(draft), "--annotate", str(out), "--fix").exit_code == 1
    assert list(anchored_texts(out).values()) == ["以斗争求安全则安全存，“以软弱退让求安全则安全亡"]
    assert extract(open_docx(out)).text == extract(open_docx(draft)).text  # paragraphs never merged
    text_draft = tmp_path / "two.txt"
    text_draft.write_text(extract(open_docx(draft)).text, encoding="utf-8")
    before = text_draft.read_bytes()
    run("check", str(text_draft), "--fix")
    assert text_draft.read_bytes() == before
