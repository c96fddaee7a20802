"""YW201 on the labelled stutter and reduplication cases of tests/fixtures/eval/public (issue 4 bar: 0.95).

Every case file is checked (the filler prose of the quotation cases must not raise YW201 either).
All 18 labelled stutters are caught (2026-11-30); the last one was 少琢磨一点点个人荣辱, where
一点点 stands before a noun (see rules/doubling.py, _distributive).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import EVAL_CASES


@pytest.fixture(scope="module")
def scores(check_text):
    labels = [json.loads(line) for line in (EVAL_CASES / "labels.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()]
    tp = fn = fp = 0
    for label in labels:
        text = (EVAL_CASES / label["file"]).read_text(encoding="utf-8")
        flagged = any(d.code == "YW201" for d in check_text(text, path=label["file"]).diagnostics)
        wanted = "YW201" in label.get("codes", [])
        tp += flagged and wanted
        fn += wanted and not flagged
        fp += flagged and not wanted
    return tp, fn, fp


def test_stutter_precision(scores):
    tp, _, fp = scores
    assert tp / (tp + fp) >= 0.95


def test_stutter_recall(scores):
    tp, fn, _ = scores
    assert tp + fn >= 18
    assert tp / (tp + fn) >= 0.95
