"""`yinwen corpus coverage`: attributed quotations without a source, by the speaker and occasion the drafts name."""

from __future__ import annotations

import json

import pytest

from tests._cli import run_cli
from yinwen.text.occasion import named_occasion

# Invented sentences: no corpus source holds them.
ABSENT_1 = "青年人要像春天的种子一样把根深深扎进泥土里去"
ABSENT_2 = "做学问要耐得住寂寞坐得住冷板凳守得住初心"
ABSENT_3 = "每一位老师都要把课堂当作自己最重要的阵地来守护"
FOUND = "以斗争求安全则安全存，以妥协求安全则安全亡"


@pytest.fixture
def drafts(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_text(
        f"2014年5月4日，习近平总书记在北京大学师生座谈会上指出：“{ABSENT_1}。”\n"
        f"习近平总书记在北京大学师生座谈会上强调：“{ABSENT_2}。”\n"
        f"习近平总书记强调：“{FOUND}。”\n"
        f"我们常说“{ABSENT_3}”。\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        f"2014年5月4日，习近平总书记在北京大学师生座谈会上指出：“{ABSENT_1}。”\n"
        f"毛泽东同志在给青年的回信中写道：“{ABSENT_3}。”\n", encoding="utf-8")
    return folder


def test_coverage_groups_the_missing_quotations_by_speaker_and_occasion(drafts):
    result = run_cli("corpus", "coverage", str(drafts), "--format", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"] == {"drafts": 2, "attributed": 5, "without_source": 4}
    groups = [(g["speaker"], g["occasion"], g["date"], g["count"], g["drafts"]) for g in report["groups"]]
    assert groups == [("习近平", "北京大学师生座谈会", "2014-05-04", 2, 2),
                      ("习近平", "北京大学师生座谈会", None, 1, 1),
                      ("毛泽东", "给青年的回信", None, 1, 1)]
    listed = [(q["path"].rsplit("/", 1)[-1], q["text"]) for g in report["groups"] for q in g["quotes"]]
    assert ("a.txt", FOUND + "。") not in listed  # found in the corpus
    assert ("a.txt", ABSENT_3) not in listed  # credited to nobody


def test_coverage_text_names_each_group_and_each_place(drafts):
    result = run_cli("corpus", "coverage", str(drafts))
    lines = result.stdout.splitlines()
    assert lines[0] == "习近平 · 北京大学师生座谈会（2014年5月4日） — 引文 2 处，见于 2 篇稿件"
    assert any(line.endswith(f"a.txt:1:32  “{ABSENT_1}。”") for line in lines)
    assert lines[-1] == "共 2 篇稿件，标明出处的引文 5 处，其中 4 处在语料中找不到原文"
    english = run_cli("corpus", "coverage", str(drafts), "--lang", "en").stdout.splitlines()
    assert english[0] == "习近平 · 北京大学师生座谈会（2014-05-04） — 2 quotation(s) in 2 draft(s)"


def test_coverage_of_a_missing_path_is_a_usage_error(tmp_path):
    assert run_cli("corpus", "coverage", str(tmp_path / "nowhere.txt")).code == 2


@pytest.mark.parametrize(("cue", "occasion", "date"), [
    ("2014年5月4日，习近平总书记在北京大学师生座谈会上指出：", "北京大学师生座谈会", "2014-05-04"),
    ("习近平总书记在中国人民大学考察时强调", "中国人民大学考察", None),
    ("习近平总书记在庆祝中国共产党成立100周年大会上的讲话中指出", "庆祝中国共产党成立100周年大会", None),
    ("习近平在给南京大学留学归国青年学者的回信中说", "给南京大学留学归国青年学者的回信", None),
    ("总书记在《之江新语》中写道", "《之江新语》", None),
    ("2022年7月，习近平总书记强调", None, "2022-07"),
])
def test_the_occasion_a_cue_names(cue, occasion, date):
    found = named_occasion(cue)
    assert (found.occasion, found.date) == (occasion, date)
