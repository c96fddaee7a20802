"""The text report a writer reads (issue 19, items 4 and 5): every finding shows its words in their
place, and the summary counts quotations — checked, verified, flagged, not found — not findings."""

from __future__ import annotations

import json

import pytest

from tests._cli import run_cli
from tests.test_rule_docs import runnable_examples

# Findings whose own words are not a quotation: each must still be shown in its place.
EXTRA = {
    "YW201 doubled word across a line": "我们要认真学习，我们\n我们要把工作做好。\n",
    "YW004 unbalanced": "习近平总书记强调：“江山就是人民，人民就是江山。\n下一段没有引号。\n",
    "YW005 invisible": "习近平总书记强调：“江山就是\u200b人民，人民就是江山。”\n",
    "YW006 unknown suppression": "认真学习。 yinwen: ignore[YW999]\n",
}
CASES = {example.id: example.values[1] for example in runnable_examples()} | EXTRA


def blocks(text_output: str) -> list[list[str]]:
    """The text report cut into findings: a head line (path:line:column) and its indented lines."""
    found: list[list[str]] = []
    for line in text_output.splitlines():
        if line.startswith("  ") and found:
            found[-1].append(line)
        elif ":" in line.split("  ")[0] and "YW" in line:
            found.append([line])
    return found


def visible(text: str) -> str:
    from yinwen.report.excerpt import visible as shown

    return shown(text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_finding_shows_its_words(tmp_path, name):
    draft = tmp_path / "draft.md"
    draft.write_text(CASES[name], encoding="utf-8")
    text = draft.read_text(encoding="utf-8")
    report = json.loads(run_cli("check", str(draft), "--format", "json").stdout)
    diagnostics = report["files"][0]["diagnostics"]
    shown = blocks(run_cli("check", str(draft), "--no-color").stdout)
    assert len(shown) == len(diagnostics) > 0
    for diagnostic, block in zip(diagnostics, shown):
        assert diagnostic["code"] in block[0]
        span = diagnostic["span"]
        words = visible(text[span["start"]:span["end"]])
        # What the block shows, labels and marks taken away (a spliced quotation shows its parts in turn).
        parts = [line for line in block[1:] if line.startswith(("  片段  ", "  part    "))]
        contents = [line.strip().split("  ", 1)[-1].strip() for line in parts or block[1:]]
        compact = "".join(contents).replace("【", "").replace("】", "")
        assert words and words.replace("↵", "") in compact.replace("↵", ""), (diagnostic["code"], block)
        context = [line for line in block[1:] if line.startswith(("  文中  ", "  text    "))]
        if context:
            # No quotation of its own: the words are marked in their line, with a neighbour shown.
            before = visible(text[max(0, span["start"] - 1):span["start"]])
            after = visible(text[span["end"]:span["end"] + 1])
            assert f"{before}【{words}】" in context[0] or f"【{words}】{after}" in context[0], (diagnostic["code"], block)


def test_a_stutter_is_shown_in_its_sentence():
    from tests._cli import WARNING_TEXT

    result = run_cli("check", "-", input=WARNING_TEXT)
    assert "  文中  认真学习党的二十大【大】报告。" in result.stdout
    result = run_cli("check", "-", "--lang", "en", input=WARNING_TEXT)
    assert "  text    认真学习党的二十大【大】报告。" in result.stdout


DRAFT = (
    "历史反复证明，“以斗争求安全则安全存，以妥协求安全则安全亡”。\n"  # verified
    "历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。\n"  # misquote: flagged
    "他常说“这件事我们一定要办好，办不好就对不起老百姓的信任和托付”。\n"  # unattributed, in no source: not found
    "习近平总书记强调：“这是一句在任何讲话里都找不到的话，请务必核对清楚”。\n"  # attributed, in no source: flagged
    "要发扬“钉钉子”精神。认真学习党的二十大大报告。\n"  # a term (not a quotation) and a stutter
)


def test_the_summary_counts_quotations_and_shows_those_not_found(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    report = json.loads(run_cli("check", str(draft), "--format", "json").stdout)
    summary = report["summary"]
    assert {key: summary[key] for key in ("quotes", "verified", "flagged", "not_found", "ignored")} == \
        {"quotes": 4, "verified": 1, "flagged": 2, "not_found": 1, "ignored": 0}
    text = run_cli("check", str(draft)).stdout.splitlines()
    assert f"{draft}：引文 4 处（一致 1，有问题 2，语料中未找到 1）；其他问题 1 处" in text
    assert text[-1] == "共 1 个文件，引文 4 处（一致 1，有问题 2，语料中未找到 1）；错误 1，警告 2，提示 0"
    english = run_cli("check", str(draft), "--lang", "en").stdout.splitlines()
    assert english[-1] == ("1 file(s), 4 quotation(s) (1 verified, 1 flagged, 1 not found in the corpus); "
                           "1 error(s), 2 warning(s), 0 info").replace("1 flagged", "2 flagged")


def test_a_quotation_whose_finding_is_deselected_is_counted_not_lost(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    summary = json.loads(run_cli("check", str(draft), "--format", "json", "--select", "YW2").stdout)["summary"]
    assert summary["quotes"] == summary["verified"] + summary["flagged"] + summary["not_found"] + summary["ignored"]
    assert (summary["flagged"], summary["ignored"], summary["not_found"]) == (0, 1, 2)
    text = run_cli("check", str(draft), "--select", "YW2").stdout
    assert "另有 1 处引文的问题已被忽略" in text
