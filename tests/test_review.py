"""Every YW202/YW301 finding on the 23 real drafts matches the hand-reviewed list (issue 4, 'Done when')."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import FIXTURES, REAL_DRAFTS

REVIEW = FIXTURES / "review" / "yw202_yw301.toml"
CODES = ("YW202", "YW301")


@pytest.fixture(scope="module")
def findings(check_text):
    found = []
    for path in sorted(REAL_DRAFTS.glob("*.txt")):
        report = check_text(path.read_text(encoding="utf-8"), path=path.name)
        found += [(path.name, d.code, d.span.line, d.span.column) for d in report.diagnostics if d.code in CODES]
    return found


def reviewed() -> list[dict]:
    with REVIEW.open("rb") as handle:
        return tomllib.load(handle)["finding"]


def test_there_are_23_real_drafts():
    assert len(list(REAL_DRAFTS.glob("*.txt"))) == 23


def test_output_is_exactly_the_reviewed_list(findings):
    expected = [(r["file"], r["code"], r["line"], r["column"]) for r in reviewed()]
    assert sorted(findings) == sorted(expected)


def test_false_alarms_at_most_one_in_ten():
    entries = reviewed()
    false_alarms = [r for r in entries if not r["true_alarm"]]
    assert entries and len(false_alarms) * 10 <= len(entries)


def test_every_judgement_gives_a_reason():
    assert all(r["reason"].strip() for r in reviewed())


YW201_REVIEW = FIXTURES / "review" / "yw201.toml"


def test_duplicated_word_findings_are_the_reviewed_list(check_text):
    with YW201_REVIEW.open("rb") as handle:
        entries = tomllib.load(handle)["finding"]
    found = []
    for path in sorted(REAL_DRAFTS.glob("*.txt")):
        report = check_text(path.read_text(encoding="utf-8"), path=path.name)
        found += [(path.name, d.span.line, d.span.column, d.details["doubled"])
                  for d in report.diagnostics if d.code == "YW201"]
    assert sorted(found) == sorted((e["file"], e["line"], e["column"], e["doubled"]) for e in entries)
    assert sum(not e["true_alarm"] for e in entries) / len(entries) <= 0.2
