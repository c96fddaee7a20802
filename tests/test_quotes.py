"""Quotation extraction and attribution cues (quotes.py, attribution.py)."""

from __future__ import annotations

import pytest

from yinwen.text.document import Document
from yinwen.text.quotes import extract_quotes


def extract(text: str):
    return extract_quotes(Document.from_text("x.txt", text))


def test_marks_and_offsets() -> None:
    text = "他说“甲乙丙”，又说「丁戊」和『己庚』，还有\"辛壬\"。"
    quotes = extract(text).quotes
    assert [q.text for q in quotes] == ["甲乙丙", "丁戊", "己庚", "辛壬"]
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text


def test_nested_quotes_stay_inside_the_outer_one() -> None:
    text = "总书记强调：“要牢记‘三个务必’，增强‘四个意识’。”"
    result = extract(text)
    assert [q.text for q in result.quotes] == ["要牢记‘三个务必’，增强‘四个意识’。"]
    assert len(result.quotes[0].nested) == 2
    assert not result.unbalanced


def test_quotation_over_several_paragraphs() -> None:
    text = "他指出：“第一段话。\n“第二段话。”\n后文“术语”。"
    result = extract(text)
    assert result.quotes[0].text == "第一段话。\n“第二段话。"
    assert result.quotes[1].text == "术语"
    assert not result.unbalanced


def test_ellipsis_splits_parts() -> None:
    text = "“不忘初心，方得始终……牢记使命”"
    (quote,) = extract(text).quotes
    assert [text[a:b] for a, b in quote.parts] == ["不忘初心，方得始终", "牢记使命"]


def test_unbalanced_marks_are_reported_and_the_rest_is_kept() -> None:
    text = "第一句“没有结束。\n第二句“完整的引文”。多余的”"
    result = extract(text)
    assert [q.text for q in result.quotes] == ["完整的引文"]
    assert [(m.mark, m.opening) for m in result.unbalanced] == [("“", True), ("”", False)]


REPORT_20 = "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗——在中国共产党第二十次全国代表大会上的报告"


@pytest.mark.parametrize(
    ("prefix", "speaker", "title", "classical"),
    [
        ("习近平总书记强调：", "习近平", None, False),
        ("总书记指出，", "习近平", None, False),
        ("正如习近平总书记所说：", "习近平", None, False),
        ("习近平同志深刻指出：", "习近平", None, False),
        ("毛泽东同志曾说：", "毛泽东", None, False),
        ("党的二十大报告指出：", "习近平", REPORT_20, False),
        ("《论语》云：", None, "论语", False),
        ("古人云：", None, None, True),
        ("古语有云：", None, None, True),
        ("我们要坚持", None, None, False),
        ("所谓", None, None, False),
    ],
)
def test_attribution_cues(prefix: str, speaker, title, classical: bool) -> None:
    (quote,) = extract(f"前文。{prefix}“天下兴亡，匹夫有责。”").quotes
    attribution = quote.attribution
    assert attribution.speaker == speaker
    assert attribution.title == title
    assert attribution.classical is classical


def test_seed_quotes_are_extracted(tmp_path) -> None:
    from tests.conftest import SEED

    result = extract(SEED.read_text(encoding="utf-8"))
    texts = [q.text for q in result.quotes]
    assert "以斗争求安全则安全存，以软弱退让求安全则安全亡" in texts
    assert "躲事儿" in texts
    assert not result.unbalanced
