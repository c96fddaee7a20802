"""Every fix a machine format offers is the fix --fix applies (issue 19, items 1 and 9).

For drafts with each kind of fixable finding, the fixes JSON, SARIF and rdjson offer are applied by this
test to the text; --fix must produce exactly that text. And --fix on standard input fixes it: the fixed
text goes to stdout (a filter), the report to stderr.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, WARNING_TEXT, run_cli

DRAFTS = {
    "misquote": MISQUOTE_TEXT,
    "punctuation": "古语有云：“一年两度锦江游、前值东风后值秋。”\n",
    "doubled character": WARNING_TEXT,
    "doubled word": "我们要认真学习，我们我们要把工作做好。\n",
    "formulation name": "深刻领悟“两个确定”的决定性意义。\n",
    "everything at once": MISQUOTE_TEXT + WARNING_TEXT + "深刻领悟“两个确定”的决定性意义。\n",
}


def apply(text: str, changes: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(changes, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def offered_json(report: dict) -> list[tuple[int, int, str]]:
    return [(d["span"]["start"], d["span"]["end"], d["fix"]) for d in report["files"][0]["diagnostics"]
            if d["fix"] is not None]


def offered_sarif(report: dict) -> list[tuple[int, int, str]]:
    changes = []
    for result in report["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for replacement in fix["artifactChanges"][0]["replacements"]:
                region = replacement["deletedRegion"]
                changes.append((region["charOffset"], region["charOffset"] + region["charLength"],
                                replacement["insertedContent"]["text"]))
    return changes


def offered_rdjson(report: dict, text: str) -> list[tuple[int, int, str]]:
    """rdjson ranges are 1-based lines and UTF-8 byte columns: turned back into code-point offsets."""
    lines = text.split("\n")
    starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]

    def offset(position: dict) -> int:
        line = lines[position["line"] - 1].encode("utf-8")
        return starts[position["line"] - 1] + len(line[:position["column"] - 1].decode("utf-8"))

    return [(offset(s["range"]["start"]), offset(s["range"]["end"]), s["text"])
            for d in report["diagnostics"] for s in d.get("suggestions", [])]


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_fix_applies_exactly_what_the_machine_formats_offer(tmp_path, name):
    text = DRAFTS[name]
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    as_json = json.loads(run_cli("check", str(draft), "--format", "json").stdout)
    offered = sorted(offered_json(as_json))
    assert offered, "every draft here has a fixable finding"
    assert sorted(offered_sarif(json.loads(run_cli("check", str(draft), "--format", "sarif").stdout))) == offered
    assert sorted(offered_rdjson(json.loads(run_cli("check", str(draft), "--format", "rdjson").stdout), text)) == offered
    fixed = run_cli("check", str(draft), "--fix")
    assert draft.read_text(encoding="utf-8") == apply(text, offered), fixed.stderr
    assert f"已修正 {len(offered)} 处" in fixed.stderr
    again = json.loads(run_cli("check", str(draft), "--format", "json").stdout)
    assert offered_json(again) == [], "after --fix nothing is left to offer"


def test_a_doubled_character_is_fixed():
    result = run_cli("check", "-", "--fix", input=WARNING_TEXT)
    assert result.stdout == "认真学习党的二十大报告。\n"


def test_fix_on_standard_input_prints_the_fixed_text_and_reports_on_stderr():
    result = run_cli("check", "-", "--fix", input=MISQUOTE_TEXT)
    assert result.stdout == CLEAN_TEXT
    assert result.code == 0  # the report is of the fixed text, which checks clean
    assert "<stdin>：已修正 1 处" in result.stderr
    assert "<stdin>：引文 1 处（一致 1" in result.stderr


def test_fix_on_standard_input_keeps_its_encoding_and_passes_clean_text_through():
    from typer.testing import CliRunner

    from yinwen.cli.app import app

    raw = CliRunner().invoke(app, ["check", "-", "--fix", "--format", "json"], input=MISQUOTE_TEXT.encode("gb18030"))
    assert raw.stdout_bytes == CLEAN_TEXT.encode("gb18030")
    assert json.loads(raw.stderr[raw.stderr.index("{"):])["summary"]["verified"] == 1  # after the notice
    clean = CliRunner().invoke(app, ["check", "-", "--fix"], input=CLEAN_TEXT.encode())
    assert clean.stdout_bytes == CLEAN_TEXT.encode() and clean.exit_code == 0


def test_fix_on_standard_input_beside_a_file(tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_text(WARNING_TEXT, encoding="utf-8")
    result = run_cli("check", "-", str(draft), "--fix", input=MISQUOTE_TEXT)
    assert result.stdout == CLEAN_TEXT
    assert draft.read_text(encoding="utf-8") == "认真学习党的二十大报告。\n"


def test_annotate_fix_tracks_only_the_changed_words_of_every_offered_fix(tmp_path):
    from tests.docxmaker import docx_from_text
    from yinwen.formats.docx import W, extract, open_docx

    text = "历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。\n认真学习党的二十大大报告。\n"
    draft = docx_from_text(text, tmp_path / "draft.docx")
    out = tmp_path / "fixed.docx"
    result = run_cli("check", str(draft), "--annotate", str(out), "--fix")
    assert "修订 2 处" in result.stderr
    body = open_docx(out).element.body
    deleted = ["".join(t.text for t in deletion.iter(W + "delText")) for deletion in body.iter(W + "del")]
    assert sorted(deleted) == ["大", "软弱退让"]
    assert ["".join(t.text for t in ins.iter(W + "t")) for ins in body.iter(W + "ins")] == ["妥协"]
    assert extract(open_docx(out)).text == apply(extract(open_docx(draft)).text,
                                                 offered_json(json.loads(run_cli("check", str(draft), "--format", "json").stdout)))
    comments = [c.text for c in __import__("docx").Document(str(out)).comments]
    assert any("建议删除“大”" in c for c in comments)


def test_annotate_on_a_corrupt_docx_says_why(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    result = run_cli("check", str(broken), "--annotate", str(tmp_path / "out.docx"))
    assert result.code == 2
    assert f"--annotate：无法读取 {broken}：YW001 " in result.stderr
    result = run_cli("check", str(broken), "--annotate", str(tmp_path / "out.docx"), "--lang", "en")
    assert f"--annotate: cannot read {broken}: YW001 " in result.stderr
    assert not (tmp_path / "out.docx").exists()
