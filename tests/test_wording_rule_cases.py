"""Declarative cases for YW201/YW202/YW203/YW301 (tests/cases/*.toml), and the rules' own examples."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "cases"


def _cases(name: str) -> list[dict]:
    with (CASES / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)["case"]


def _found(check_text, text: str, code: str) -> list:
    return [d for d in check_text(text).diagnostics if d.code == code]


@pytest.mark.parametrize("case", _cases("yw201"), ids=lambda c: c["text"][:12])
def test_yw201(check_text, case):
    found = [[d.span.line, d.span.column, d.details["doubled"][: len(d.details["doubled"]) // 2]]
             for d in _found(check_text, case["text"], "YW201")]
    assert found == case["expect"]


@pytest.mark.parametrize("case", _cases("yw202"), ids=lambda c: c["text"][:12])
def test_yw202(check_text, case):
    found = []
    for d in _found(check_text, case["text"], "YW202"):
        (_, first, _), = d.related
        found.append([d.span.line, d.span.column, first.line, first.column])
    assert found == case["expect"]


@pytest.mark.parametrize("case", _cases("yw203"), ids=lambda c: c["text"][:12])
def test_yw203(check_text, case):
    found = [[d.span.line, d.span.column, d.source.id] for d in _found(check_text, case["text"], "YW203")]
    assert found == case["expect"]


@pytest.mark.parametrize("case", _cases("yw301"), ids=lambda c: c["text"][:12])
def test_yw301(check_text, case):
    found = [[d.span.line, d.span.column, d.message] for d in _found(check_text, case["text"], "YW301")]
    assert found == case["expect"]


@pytest.mark.parametrize("code", ["YW201", "YW202", "YW203", "YW301"])
def test_docstring_examples(check_text, code):
    from yinwen.rules import registry

    bad, good = registry()[code].examples()
    assert bad and good
    assert _found(check_text, bad, code)
    assert not _found(check_text, good, code)
