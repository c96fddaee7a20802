"""Run the declarative quotation cases in tests/cases/quotations.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CASES = tomllib.loads((Path(__file__).parent / "cases" / "quotations.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_quotation_case(case: dict, check_text) -> None:
    report = check_text(case["text"])
    codes = [d.code for d in report.diagnostics]
    if "verdict" in case:
        assert [m.verdict for m in report.matches] == [case["verdict"]], [(m.verdict, m.reason) for m in report.matches]
    for code in case.get("codes", []):
        assert code in codes
    for code in case.get("absent", []):
        assert code not in codes
    if "omitted" in case:
        edits = [e for d in report.diagnostics for e in d.edits if e.op == "omit"]
        assert [e.source for e in edits] == [case["omitted"]]
