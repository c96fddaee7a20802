"""YW005 invisible-character: its documented examples, direction controls, and quotes left intact."""

from __future__ import annotations

from yinwen.rules.invisible import InvisibleCharacter


def codes(report) -> list[str]:
    return [d.code for d in report.diagnostics]


def test_documented_examples(check_text) -> None:
    bad, good = InvisibleCharacter.examples()
    assert "\u200b" in bad
    assert "YW005" in codes(check_text(bad))
    assert "YW005" not in codes(check_text(good))


def test_direction_override_inside_a_quote_is_reported_once_per_run(check_text) -> None:
    text = "习近平总书记强调：“江山就是\u202e\u2066人民，人民就是江山。”\n"
    (finding,) = [d for d in check_text(text).diagnostics if d.code == "YW005"]
    assert text[finding.span.start:finding.span.end] == "\u202e\u2066"
    assert finding.details["characters"] == "U+202E U+2066"


def test_invisible_characters_outside_quotes_are_not_this_rule(check_text) -> None:
    assert "YW005" not in codes(check_text("江山就是\u200b人民。习近平总书记强调：“江山就是人民，人民就是江山。”\n"))
