"""The labelled evaluation cases (tests/fixtures/eval/public, copied from the shared eval set).

Scored exactly as the shared score.py does, through the JSON contract, against the bundled corpus
(the cases were generated from the same texts). The bars are those of the accuracy issues.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from tests.conftest import EVAL_CASES

PUNCT = "，。、；：？！…—“”‘’《》（）「」『』,.;:?!()\"' \u3000\n"
FLAGS = {"misquote", "spliced", "misattributed"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if ch not in PUNCT and not ch.isspace())


@pytest.fixture(scope="module")
def scored(corpus):
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings
    from yinwen.report.model import report_record

    report = check_paths([str(EVAL_CASES)], Settings(), corpus=corpus)
    record = json.loads(json.dumps(report_record(report)))
    files = {f["path"].rsplit("/", 1)[-1]: f for f in record["files"]}
    labels = [json.loads(line) for line in (EVAL_CASES / "labels.jsonl").read_text(encoding="utf-8").split("\n") if line]
    return files, labels


def test_quote_verdicts(scored) -> None:
    files, labels = scored
    positives = hits = negatives = false_alarms = exact = 0
    source_total = source_ok = 0
    for label in labels:
        if "quote" not in label:
            continue
        quotes = files[label["file"]]["quotes"]
        quote = next((q for q in quotes if norm(q["text"]) == norm(label["quote"])), None)
        got = quote["verdict"] if quote else "missing"
        want = label["verdict"]
        if want in FLAGS:
            positives += 1
            hits += got in FLAGS
            exact += got == want
        elif want in ("verified", "term"):
            negatives += 1
            false_alarms += got in FLAGS or got == "unverified"
        if want in FLAGS | {"verified"}:
            source_total += 1
            if quote and quote["source"]:
                text = norm(quote["source"]["text"])
                source_ok += norm(label["source_text"]) in text or (text and text in norm(label["source_text"]))
    assert hits / positives >= 0.95
    assert exact / positives >= 0.90
    assert false_alarms / negatives <= 0.02
    assert source_ok / source_total >= 0.98


def test_punctuation_cases_get_yw104_and_no_error(scored) -> None:
    files, labels = scored
    cases = [label for label in labels if label["kind"] == "punctuation"]
    assert cases
    for label in cases:
        codes = [d["code"] for d in files[label["file"]]["diagnostics"]]
        assert "YW104" in codes
        assert not {"YW101", "YW102", "YW103"} & set(codes)


def test_stutter_cases(scored) -> None:
    files, labels = scored
    tp = fn = fp = 0
    for label in labels:
        if "quote" in label:
            continue
        found = "YW201" in [d["code"] for d in files[label["file"]]["diagnostics"]]
        if "YW201" in label.get("codes", []):
            tp += found
            fn += not found
        else:
            fp += found
    assert tp / (tp + fn) >= 0.80
    assert tp / (tp + fp) >= 0.95
