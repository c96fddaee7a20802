"""Hand-made hard cases (tests/cases/hard.toml): roles, attribution grammar, edition variants, traditional
script, classical authors, wrapped and interrupted quotations, word order, splices and short misquotes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CASES = tomllib.loads((Path(__file__).parent / "cases" / "hard.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_hard_case(case: dict, check_text) -> None:
    report = check_text(case["text"])
    codes = [d.code for d in report.diagnostics]
    if "verdicts" in case:
        judged = [m.verdict for m in report.matches if m.quote.role == "quotation"]
        assert judged == case["verdicts"], [(m.verdict, m.reason, m.quote.role) for m in report.matches]
    if "roles" in case:
        assert [m.quote.role for m in report.matches] == case["roles"]
    for code in case.get("codes", []):
        assert code in codes, codes
    for code in case.get("absent", []):
        assert code not in codes, [(d.code, d.message) for d in report.diagnostics]
