"""YW104 on the classics: an editor punctuated texts written without it, so ，/。/；/？ differences are
the edition's; an enumeration 、 inside verse is still a slip. Inner quotation marks never count."""

from __future__ import annotations

import pytest


def _punctuation(check_text, text: str) -> list:
    return [d for d in check_text(text + "\n").diagnostics if d.code == "YW104"]


@pytest.mark.parametrize("text", [
    "朱熹有诗云：“问渠那得清如许？为有源头活水来。”",
    "曹操在《龟虽寿》中写道：“老骥伏枥，志在千里；烈士暮年，壮心不已。”",
    "《中庸》说：“莫见乎隐，莫显乎微，故君子慎其独也。”",
])
def test_an_editors_pause_in_a_classic_is_no_difference(check_text, text: str) -> None:
    assert _punctuation(check_text, text) == []


def test_an_enumeration_comma_in_verse_is_still_noted(check_text) -> None:
    assert _punctuation(check_text, "古语有云：“一年两度锦江游、前值东风后值秋。”")


@pytest.mark.parametrize("text", [
    "汤之盘铭曰：“苟日新，日日新，又日新。”",  # the corpus's 大学 prints the variant 茍
    "荀子说：“不积跬步，无以致千里；不积小流，无以成江海。”",  # ... and 荀子 蹞步
    "李白在《行路难》中写道：“行路难，行路难，多歧路，今安在？”",  # ... and 行路难 岐路
])
def test_a_standard_form_against_the_sources_variant_is_not_noted(check_text, text: str) -> None:
    codes = [d.code for d in check_text(text + "\n").diagnostics]
    assert "YW106" not in codes and "YW101" not in codes, codes


def test_no_punctuation_note_when_another_place_prints_the_drafts_punctuation(check_text) -> None:
    """The earliest source (纪念马克思诞辰200周年) has no comma; later speeches print the draft's."""
    assert _punctuation(check_text, "习近平总书记强调：“人民对美好生活的向往，就是我们的奋斗目标。”") == []
