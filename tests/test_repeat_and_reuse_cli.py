"""End to end from the CLI: both locations of a repeated sentence in text and JSON, --reuse-report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REAL_DRAFTS, ROOT

DRAFT = REAL_DRAFTS / "sx-2020-01-16-shuzhi-baogao-2019.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "yinwen", "check", *args], capture_output=True, env=env, cwd=ROOT)


def test_json_shows_both_locations_of_a_repeat():
    result = run(str(DRAFT), "--format", "json")
    report = json.loads(result.stdout.decode("utf-8"))
    repeats = [d for d in report["files"][0]["diagnostics"] if d["code"] == "YW202"]
    assert repeats
    text = DRAFT.read_text(encoding="utf-8")
    for finding in repeats:
        (first,) = finding["related"]
        assert first["span"]["start"] < finding["span"]["start"]
        assert text[first["span"]["start"]: first["span"]["end"]] == first["quote"]
        assert int(finding["details"]["first_line"]) == first["span"]["line"]


def test_text_shows_both_locations_of_a_repeat():
    out = run(str(DRAFT), "--no-color").stdout.decode("utf-8")
    block = out[out.index("YW202"):].split("\n")[:3]
    assert block[1].strip().startswith("重复")
    assert block[2].strip().startswith("首见") and f"{DRAFT}:" in block[2]


def test_reuse_report_goes_to_stderr_beside_json(tmp_path):
    draft = REAL_DRAFTS / "sx-2022-10-18-shisheng-xuexi-ershida-baogao.txt"
    result = run(str(draft), "--format", "json", "--reuse-report")
    json.loads(result.stdout.decode("utf-8"))  # stdout stays one JSON document
    err = result.stderr.decode("utf-8")
    assert "与语料库原文相同" in err
    assert "xi-2022-10-16-20th-congress-report" in err


def test_reuse_report_follows_the_text_report_in_english():
    draft = REAL_DRAFTS / "sx-2022-10-18-shisheng-xuexi-ershida-baogao.txt"
    out = run(str(draft), "--reuse-report", "--lang", "en", "--no-color").stdout.decode("utf-8")
    assert "verbatim in the corpus" in out.split("Verbatim reuse")[1]
