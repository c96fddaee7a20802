"""The seed outline's findings (issue: core pipeline, 'Done when')."""

from __future__ import annotations

import pytest

from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_report(check_text):
    return check_text(SEED.read_text(encoding="utf-8"), path=str(SEED))


def _quote(report, start: str):
    return next(m for m in report.matches if m.quote.text.startswith(start))


def _diagnostics_on(report, start: str):
    match = _quote(report, start)
    return [d for d in report.diagnostics if d.span and d.span.start == match.quote.start]


def test_softness_misquote_names_first_plenum_source(seed_report):
    (finding,) = [d for d in _diagnostics_on(seed_report, "以斗争求安全") if d.code == "YW101"]
    assert "以妥协求安全则安全亡" in finding.source.text
    assert "二十届一中全会" in finding.source.title
    assert [(e.op, e.quote, e.source) for e in finding.edits] == [("replace", "软弱退让", "妥协")]
    assert finding.fix == "以斗争求安全则安全存，以妥协求安全则安全亡"


def test_dropped_runs_are_both_reported(seed_report):
    (finding,) = [d for d in _diagnostics_on(seed_report, "要教育引导广大党员、干部学思想") if d.code == "YW101"]
    omitted = [e.source for e in finding.edits if e.op == "omit"]
    assert any("树立正确的权力观、政绩观、事业观" in text for text in omitted)
    assert any("推动高质量发展本领" in text for text in omitted)


def test_ganka_quote_is_an_error_with_matched_and_unmatched_parts(seed_report):
    findings = _diagnostics_on(seed_report, "赶考永远在路上")
    errors = [d for d in findings if d.severity.label == "error"]
    assert errors, findings
    finding = errors[0]
    assert "务必不忘初心" in finding.source.text
    inserted = [e.quote for e in finding.edits if e.op == "insert"]
    assert any("赶考永远在路上" in text for text in inserted)


def test_stutter_on_ershida_report(seed_report):
    stutters = [d for d in seed_report.diagnostics if d.code == "YW201"]
    assert len(stutters) == 1
    text = SEED.read_text(encoding="utf-8")
    assert text[stutters[0].span.start - 3: stutters[0].span.end + 2] == "二十大大报告"


def test_unverified_attributed_quote(seed_report):
    codes = [d.code for d in _diagnostics_on(seed_report, "权力观、政绩观、事业观直接影响")]
    assert codes == ["YW105"]


@pytest.mark.parametrize("start", ["以学铸魂、以学增智、以学正风、以学促干", "要践行宗旨为民造福"])
def test_verified_quotes(seed_report, start):
    assert _quote(seed_report, start).verdict == "verified"


def test_no_other_errors(seed_report):
    # The errors are exactly one per flagged quotation: none elsewhere, and none missing (a damaged index
    # that finds nothing, or a YW000, must fail here rather than pass with no errors to look at).
    flagged_starts = ("以斗争求安全", "要教育引导广大党员、干部学思想", "赶考永远在路上")
    errors = [d for d in seed_report.diagnostics if d.severity.label == "error"]
    for diagnostic in errors:
        assert diagnostic.code != "YW000" and diagnostic.quote and diagnostic.quote.startswith(flagged_starts), diagnostic
    assert sorted(next(s for s in flagged_starts if d.quote.startswith(s)) for d in errors) == sorted(flagged_starts)


def test_terms_are_not_checked(seed_report):
    assert _quote(seed_report, "躲事儿").verdict == "term"
    assert _quote(seed_report, "两个确立").verdict == "term"
