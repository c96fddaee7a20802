"""Drafts nobody on the team wrote: reviewed findings and no false alarms on faithful quotes."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import FIXTURES, REAL_DRAFTS
from yinwen.corpus.search import exact_occurrences

ERROR_CODES = {"YW101", "YW102", "YW103"}
DRAFTS = sorted(REAL_DRAFTS.glob("*.txt"))


@pytest.fixture(scope="module")
def reports(check_text):
    return {path.name: check_text(path.read_text(encoding="utf-8"), path=path.name) for path in DRAFTS}


def test_there_are_23_drafts() -> None:
    assert len(DRAFTS) == 23


def test_error_findings_match_the_review(reports) -> None:
    review = tomllib.loads((FIXTURES / "review" / "real_drafts_errors.toml").read_text(encoding="utf-8"))
    reviewed = {(item["file"], item["code"], item["quote"]): item["verdict"] for item in review["finding"]}
    found = {
        (name, d.code, d.quote)
        for name, report in reports.items()
        for d in report.diagnostics
        if d.code in ERROR_CODES
    }
    assert found == set(reviewed), "error-level findings changed: review them in real_drafts_errors.toml"
    flagged_quotes = sum(1 for report in reports.values() for m in report.matches if m.verdict != "term")
    false_alarms = sum(1 for verdict in reviewed.values() if verdict == "false")
    assert false_alarms <= max(1, len(reviewed) // 20)
    assert flagged_quotes > 100


def test_attributed_quotes_found_verbatim_are_verified(reports, corpus) -> None:
    checked = 0
    for report in reports.values():
        for match in report.matches:
            if not match.quote.attribution.attributed or match.quote.has_ellipsis:
                continue
            normalized = "".join(part.normalized.text for part in match.parts)
            if len(normalized) >= 4 and exact_occurrences(corpus, normalized, limit=1):
                checked += 1
                assert match.verdict == "verified", match.quote.text
    assert checked >= 3
