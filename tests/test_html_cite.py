"""The HTML report (self-contained, escaped, rendered by Chromium) and `yinwen cite`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from yinwen.cli.app import app
from yinwen.diagnostics import SourceRef
from yinwen.engine import Report
from yinwen.report import RenderOptions
from yinwen.report.cite import chinese_date, citation_text
from yinwen.report.html import render


@pytest.fixture(scope="module")
def seed_html() -> str:
    result = CliRunner().invoke(app, ["check", str(SEED), "--format", "html"])
    assert result.exit_code == 1
    return result.stdout


def test_html_report_of_the_seed_has_every_part(seed_html):
    assert seed_html.startswith("<!DOCTYPE html>")
    findings = json.loads(CliRunner().invoke(app, ["check", str(SEED), "--format", "json"]).stdout)
    assert seed_html.count('<div class="finding') == len(findings["files"][0]["diagnostics"])  # one card per finding
    assert "<del>软弱退让</del>" in seed_html and "<ins>妥协</ins>" in seed_html  # side-by-side diff
    assert 'class="misquote"' in seed_html and 'class="verified"' in seed_html  # the draft, highlighted
    verified = json.loads(CliRunner().invoke(app, ["check", str(SEED), "--format", "json"]).stdout)
    titles = [q["source"]["title"] for q in verified["files"][0]["quotes"] if q["verdict"] == "verified"]
    assert len(titles) == 3
    for title in titles:  # the citation list names every verified quotation's source
        assert f"《{title}》" in seed_html
    assert re.search(r"<tr><td><a href=\"#file1\">[^<]+</a></td><td class=\"n\">9</td><td class=\"n\">3</td>", seed_html)


def test_html_report_is_self_contained(seed_html):
    assert not re.search(r"(src|href)=\"(?!#)", seed_html)  # only in-page links
    assert "http://" not in seed_html and "https://" not in seed_html
    assert "<script" not in seed_html


def test_html_escapes_draft_text(check_text):
    text = "他说：“<script>alert(1)</script>以斗争求安全则安全存，以软弱退让求安全则安全亡”&amp;"
    file = check_text(text, path="<b>draft</b>.txt")
    html = render(Report([file]), RenderOptions())
    assert "<script>" not in html and "<b>draft" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp;amp;" in html


def test_html_report_file_option_writes_the_same_page(tmp_path, seed_html):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["check", str(SEED), "--html-report", str(out), "--format", "json"])
    assert result.exit_code == 1
    json.loads(result.stdout)  # stdout keeps the chosen format
    assert out.read_text(encoding="utf-8") == seed_html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (docs/scripts/render_html_report.sh)")
def test_html_report_renders_in_headless_chromium(tmp_path, seed_html):
    page = tmp_path / "report.html"
    page.write_text(seed_html, encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--screenshot={shot}", "--window-size=1280,1600",
                    page.as_uri()], capture_output=True, timeout=120, check=False)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a blank page compresses to a few hundred bytes


def test_chinese_date_and_citation_form():
    assert chinese_date("2022-10-16") == "2022年10月16日"
    assert chinese_date("1957-03") == "1957年3月"
    assert chinese_date("公元前") == "公元前"
    ref = SourceRef("x", "在某会议上的讲话", "习近平", "2023-04-03", "第10段", "……", publisher="人民出版社")
    assert citation_text(ref) == "习近平：《在某会议上的讲话》（2023年4月3日），人民出版社，第10段"
    classic = SourceRef("y", "告子下", "孟子", None, "第3段", "……")
    assert citation_text(classic, book="孟子", dynasty="战国") == "〔战国〕孟子：《孟子·告子下》，第3段"
    lisao = SourceRef("z", "离骚", "屈原", None, "第98段", "……")
    assert citation_text(lisao, book="楚辞·离骚") == "屈原：《楚辞·离骚》，第98段"


def test_cite_command_lists_verified_quotations_only():
    runner = CliRunner()
    text = runner.invoke(app, ["cite", str(SEED)])
    assert text.exit_code == 0
    found = runner.invoke(app, ["cite", str(SEED), "--format", "json"])
    citations = json.loads(found.stdout)["citations"]
    assert [c["quote"] for c in citations] == [
        "以学铸魂、以学增智、以学正风、以学促干",
        "要践行宗旨为民造福，教育引导广大党员、干部牢固树立以人民为中心的发展思想。",
        "全心全意为人民服务",
    ]
    assert all(re.match(r"^\S+：《[^》]+》（\d{4}年\d{1,2}月(\d{1,2}日)?）", c["citation"]) for c in citations)
    assert all(c["citation"] in text.stdout for c in citations)
    assert "软弱退让" not in text.stdout  # a misquote is not cited
    assert runner.invoke(app, ["cite", str(SEED), "--format", "xml"]).exit_code == 2
