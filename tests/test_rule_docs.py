"""Every rule documents itself; its Bad example triggers it and its Good example does not."""

from __future__ import annotations

import pytest

from yinwen.rules import registry

DOCUMENT_RULES = [code for code, rule in registry().items() if rule.document_rule]


@pytest.mark.parametrize("code", list(registry()))
def test_rule_has_documentation(code: str) -> None:
    rule = registry()[code]
    doc = rule.doc()
    assert rule.name and rule.summary and rule.summary_en
    assert "Why:" in doc
    bad, good = rule.examples()
    assert bad and good


@pytest.mark.parametrize("code", DOCUMENT_RULES)
def test_bad_example_triggers_and_good_does_not(code: str, check_text) -> None:
    bad, good = registry()[code].examples()
    assert code in [d.code for d in check_text(bad).diagnostics], bad
    assert code not in [d.code for d in check_text(good).diagnostics], good
