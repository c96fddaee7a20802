"""A list that names some members of a formulation: when is a member missing?

A gap inside an unnamed list is reported only when a single member is skipped; two members of a
four-member formulation, unnamed, are just two words the writer chose.
"""

from __future__ import annotations


def _formulation_findings(check_text, text: str) -> list[str]:
    return [d.message for d in check_text(text).diagnostics if d.code == "YW301"]


def test_two_members_of_an_unnamed_list_are_not_a_misstated_formulation(check_text) -> None:
    text = "我们要涵养政治定力，自我完善、自我提高，积极主动参加组织生活。\n"
    assert _formulation_findings(check_text, text) == []


def test_one_member_skipped_inside_an_unnamed_list_is_reported(check_text) -> None:
    text = "党要不断增强自我净化、自我完善、自我提高能力，始终走在时代前列。\n"
    assert any("自我革新" in message for message in _formulation_findings(check_text, text))


def test_the_named_formulation_written_in_full_is_accepted_and_a_one_off_name_is_not(check_text) -> None:
    right = "全面推行党的自我净化、自我完善、自我革新、自我提高的“四个自我”，我感受很深。\n"
    assert _formulation_findings(check_text, right) == []
    wrong = "我们要坚定“四个自言”，增强斗争本领。\n"
    assert _formulation_findings(check_text, wrong)
