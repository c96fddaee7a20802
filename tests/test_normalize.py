"""The one normalisation (normalize.py)."""

from __future__ import annotations

from yinwen.text.normalize import normalize, normalize_text


def test_punctuation_width_and_space_are_folded() -> None:
    assert normalize_text("以斗争求安全，　则安全存！") == "以斗争求安全则安全存"
    assert normalize_text("ＡＢＣ１２３") == "abc123"


def test_variants_fold_to_simplified() -> None:
    assert normalize_text("茍日新") == normalize_text("苟日新")
    assert normalize_text("説") == "说"


def test_offsets_map_back_to_the_original() -> None:
    text = "甲，乙\u200b丙"
    normalized = normalize(text)
    assert normalized.text == "甲乙丙"
    assert [text[i] for i in normalized.offsets] == ["甲", "乙", "丙"]
    assert normalized.original_span(1, 3) == (2, 5)


def test_idempotent() -> None:
    once = normalize_text("“为中国人民谋幸福，為中华民族谋复兴。”")
    assert normalize_text(once) == once
