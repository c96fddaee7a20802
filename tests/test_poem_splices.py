"""Two lines of two poems stitched into one quotation (春蚕到死丝方尽 + 化作春泥更护花): lines of verse
are shorter than a splice part, so each must be found word for word in a classical text, in two works."""

from __future__ import annotations


def _codes(check_text, text: str) -> list[str]:
    return [d.code for d in check_text(text + "\n").diagnostics]


def test_two_lines_of_two_poems_are_a_splice(check_text) -> None:
    assert "YW102" in _codes(check_text, "“春蚕到死丝方尽，化作春泥更护花。”这是对教师最好的写照。")


def test_a_couplet_of_one_poem_is_not(check_text) -> None:
    assert _codes(check_text, "李商隐写道：“春蚕到死丝方尽，蜡炬成灰泪始干。”") == []


def test_two_short_modern_sentences_need_more_than_seven_characters_each(check_text) -> None:
    assert "YW102" not in _codes(check_text, "“青年强，则国家强。教育是国之大计、党之大计。”")
