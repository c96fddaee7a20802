"""YW201 and what lies beyond the sentence: a quotation's source, a verse-shaped quotation, the script.

A doubled character a quotation owes to its source is the source's, not a slip; the evidence comes
through the Context the rule gets (the matches and their located passages). A draft in traditional
script is judged as its simplified copy would be, with findings at the same places.
"""

from __future__ import annotations

import pytest

from yinwen.rules import Context
from yinwen.rules.stutter import DuplicatedWord
from yinwen.text.document import Document
from yinwen.text.quotes import extract_quotes


def _stutters(text: str, corpus=None, matches=()) -> list[tuple[int, str]]:
    document = Document.from_text("draft.txt", text)
    context = Context(document, extract_quotes(document), list(matches), corpus)
    return [(d.span.column, d.details["doubled"]) for d in DuplicatedWord().check(context)]


def test_a_pair_the_located_source_has_is_the_sources_own(check_text, corpus):
    # 离骚 has 謇謇 here; the draft writes the variant 蹇蹇 (a misquote, but no stutter).
    text = "屈原写道：“余固知蹇蹇之为患兮，忍而不能舍也。”这是他的心声。"
    report = check_text(text)
    assert [m.verdict for m in report.matches] == ["misquote"]
    assert not [d for d in report.diagnostics if d.code == "YW201"]
    # Without the match the same pair reads as a slip: the exemption comes from the Context.
    assert _stutters(text, corpus) == [(11, "蹇蹇")]
    assert _stutters(text, corpus, report.matches) == []


def test_a_slip_inside_a_quotation_is_still_reported(check_text):
    report = check_text("他说：“我们要认真真学习，把工作做实。”")
    assert [d.details["doubled"] for d in report.diagnostics if d.code == "YW201"] == ["真真"]


@pytest.mark.parametrize("text", [
    "“迢迢牵牛星，皎皎河汉女”，诗人写出了相思之苦。",
    "古人说“天下熙熙皆为利来，天下攘攘皆为利往”，廉洁要从心中守起。",
])
def test_a_verse_shaped_quotation_keeps_its_doubles(text):
    assert _stutters(text) == []


def test_even_clauses_do_not_excuse_a_pair_that_splits_a_word():
    # 没有调查，没有发言权 with 调 doubled: the clauses are even by chance, and 调/调查 is a slip.
    assert _stutters("毛泽东说“没有调调查，没有发言权”，这话至今管用。") == [(9, "调调")]


@pytest.mark.parametrize(("traditional", "simplified", "slips"), [
    ("他們天天堅持鍛煉，處處嚴格要求自己。", "他们天天坚持锻炼，处处严格要求自己。", 0),
    ("這些成績遠遠超過了預期，大家時時刻刻牢記使命。", "这些成绩远远超过了预期，大家时时刻刻牢记使命。", 0),
    ("吉爾吉斯斯坦是中亞國家。", "吉尔吉斯斯坦是中亚国家。", 0),
    ("認真學習黨的二十大大報告。", "认真学习党的二十大大报告。", 1),
    ("我們要在在學習中提高。", "我们要在在学习中提高。", 1),
])
def test_traditional_script_is_judged_as_simplified(traditional, simplified, slips):
    found = _stutters(traditional)
    assert len(found) == slips
    assert [column for column, _ in found] == [column for column, _ in _stutters(simplified)]
    assert all(doubled[0] == traditional[column - 1] for column, doubled in found)  # reported as written
