"""`yinwen corpus import`: an organisation's archive becomes corpus sources; the archive is only read.

The archive is made here: one file of each format (.docx, .pdf, .html, .md, .txt) and a broken .docx.
The texts are an invented city's speeches and documents, so nothing in the bundled corpus matches them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests._cli import run_cli
from tests.pdfmaker import make_pdf
from yinwen.corpus.archive_meta import parse_date, parse_speaker, stated_metadata

SPEECH = "教育是一座城市最长远的投资，办好每一所家门口的学校，是我们对群众最实在的承诺。"
NOTICE = "今年汛期雨水偏多，各地要把防汛责任落实到每一座水库、每一段堤防，确保人民群众生命财产安全。"
REPORT = "过去一年，我们坚持把群众的急难愁盼当作施政的第一信号，新建改建农村公路一千二百公里。"
STUDY = "基层减负不是少干事，而是把力气用在刀刃上，让基层干部有更多时间抓落实。"
TALK = "年轻干部要在吃劲岗位上磨砺本领，在急难险重任务中经受考验，在服务群众中增长才干。"


def _make_archive(root: Path) -> Path:
    import docx

    archive = root / "archive"
    (archive / "2023").mkdir(parents=True)
    document = docx.Document()
    for line in ("在全市教育工作会议上的讲话", "王建国", "（2023年3月15日）", "同志们：", SPEECH):
        document.add_paragraph(line)
    document.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    document.save(archive / "2023" / "教育会议讲话.docx")
    lines = [NOTICE[i:i + 16] for i in range(0, len(NOTICE), 16)]
    (archive / "2023" / "防汛通知.pdf").write_bytes(
        make_pdf([["关于做好今年防汛工作的通知", "各区县人民政府：", *lines, "二〇二三年六月一日"]]))
    (archive / "政府工作报告.html").write_text(
        '<html><head><meta charset="utf-8"><title>政府工作报告_某某市人民政府</title><meta name="author" content="李明">'
        '<meta name="PubDate" content="2024-01-20 09:00"><script>var x = "不是正文";</script></head><body>'
        '<nav>首页 | 政务公开</nav><div class="article-content"><h1>2024年政府工作报告</h1>'
        f"<p>{REPORT[:20]}\n{REPORT[20:]}</p><p>今年的主要任务是稳增长、惠民生。</p></div><footer>版权所有</footer></body></html>",
        encoding="utf-8")
    (archive / "调研报告.md").write_text(
        f"---\ntitle: 关于基层减负的调研报告\ndate: 2022-11-08\n---\n# 关于基层减负的调研报告\n\n**{STUDY[:4]}**{STUDY[4:]}\n\n"
        "- 第一，[清理](http://example.org)文件会议。\n", encoding="utf-8")
    (archive / "座谈会讲话.txt").write_text(f"在青年干部座谈会上的讲话\n赵红\n{TALK}\n", encoding="utf-8")
    (archive / "座谈会讲话.toml").write_text('date = 2021-05-04\noccasion = "青年干部座谈会"\n', encoding="utf-8")
    (archive / "损坏的文件.docx").write_bytes(b"PK\x03\x04 not really a docx")
    return archive


def _digests(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(path.relative_to(folder)): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def imported(tmp_path):
    archive = _make_archive(tmp_path)
    before = _digests(archive)
    result = run_cli("corpus", "import", str(archive), "--output", str(tmp_path / "sources"), "--json")
    return tmp_path, archive, before, result


def test_every_readable_file_becomes_a_source_and_the_broken_one_is_one_line(imported):
    tmp_path, archive, before, result = imported
    assert result.code == 2  # a file could not be read: an input error, after importing the rest
    report = json.loads(result.stdout)
    by_name = {Path(item["path"]).name: item for item in report["imported"]}
    assert set(by_name) == {"座谈会讲话.txt", "教育会议讲话.docx", "政府工作报告.html", "调研报告.md", "防汛通知.pdf"}
    (problem,) = report["problems"]
    assert Path(problem["path"]).name == "损坏的文件.docx" and "\n" not in problem["message"]
    assert "不是有效的 .docx" in problem["message"]
    speech = by_name["教育会议讲话.docx"]
    assert (speech["title"], speech["speaker"], speech["date"]) == ("在全市教育工作会议上的讲话", "王建国", "2023-03-15")
    assert by_name["防汛通知.pdf"]["title"] == "关于做好今年防汛工作的通知"
    assert by_name["防汛通知.pdf"]["date"] == "2023-06-01" and by_name["防汛通知.pdf"]["missing"] == ["speaker"]
    page = by_name["政府工作报告.html"]
    assert (page["title"], page["speaker"], page["date"]) == ("2024年政府工作报告", "李明", "2024-01-20")
    assert (by_name["调研报告.md"]["title"], by_name["调研报告.md"]["date"]) == ("关于基层减负的调研报告", "2022-11-08")
    talk = by_name["座谈会讲话.txt"]
    assert (talk["speaker"], talk["date"]) == ("赵红", "2021-05-04")
    assert talk["found_in"]["date"] == "sidecar" and talk["found_in"]["speaker"] == "document"
    written = Path(speech["file"]).read_text(encoding="utf-8")
    assert "内部资料" not in written  # a page header is not text of the speech
    html = Path(page["file"]).read_text(encoding="utf-8")
    assert REPORT in html and "首页" not in html and "版权所有" not in html and "不是正文" not in html


def test_the_archive_is_byte_identical_afterwards(imported):
    _, archive, before, _ = imported
    assert _digests(archive) == before


def test_imported_texts_verify_quotes_and_are_cited(imported):
    tmp_path, _, _, _ = imported
    sources = tmp_path / "sources"
    draft = tmp_path / "draft.txt"
    draft.write_text(f"会议强调：“{SPEECH}”通知要求：“{NOTICE}”报告提出：“{REPORT}”\n"
                     f"调研认为：“{STUDY}”座谈会上强调：“{TALK}”\n", encoding="utf-8")
    without = json.loads(run_cli("check", str(draft), "--format", "json").stdout)
    assert without["summary"]["verified"] == 0
    result = run_cli("check", str(draft), "--extend-corpus", str(sources), "--format", "json")
    report = json.loads(result.stdout)
    verdicts = [quote["verdict"] for quote in report["files"][0]["quotes"]]
    assert verdicts == ["verified"] * 5
    cited = run_cli("cite", str(draft), "--extend-corpus", str(sources))
    assert "王建国：《在全市教育工作会议上的讲话》（2023年3月15日）" in cited.stdout
    assert "赵红：《在青年干部座谈会上的讲话》（2021年5月4日）" in cited.stdout
    (tmp_path / "yinwen.toml").write_text('extend-corpus = ["sources"]\n', encoding="utf-8")
    configured = json.loads(run_cli("check", str(draft), "--format", "json").stdout)
    assert configured["summary"]["verified"] == 5  # the config uses it like the bundled corpus
    assert "王建国：《在全市教育工作会议上的讲话》" in run_cli("cite", str(draft)).stdout


def test_importing_again_replaces_the_earlier_sources(imported):
    tmp_path, archive, _, first = imported
    again = run_cli("corpus", "import", str(archive), "--output", str(tmp_path / "sources"), "--json")
    ids = sorted(item["id"] for item in json.loads(again.stdout)["imported"])
    assert ids == sorted(item["id"] for item in json.loads(first.stdout)["imported"])
    assert len(list((tmp_path / "sources").glob("*.txt"))) == 5


def test_options_fill_what_a_document_does_not_state_and_a_sidecar_with_an_unknown_key_is_refused(tmp_path):
    archive = tmp_path / "a"
    archive.mkdir()
    (archive / "通知.txt").write_text(f"关于防汛的通知\n{NOTICE}\n", encoding="utf-8")
    (archive / "讲话.txt").write_text(f"讲话\n{TALK}\n", encoding="utf-8")
    (archive / "讲话.txt.toml").write_text('speeker = "赵红"\n', encoding="utf-8")
    result = run_cli("corpus", "import", str(archive), "-o", str(tmp_path / "out"), "--speaker", "某某市人民政府",
                     "--date", "2023-06-01", "--lang", "en")
    assert result.code == 2
    assert "讲话.txt: not imported: sidecar 讲话.txt.toml has unknown keys: speeker" in result.stderr
    text = (tmp_path / "out" / "通知.txt").read_text(encoding="utf-8")
    assert 'speaker = "某某市人民政府"' in text and "date = 2023-06-01" in text
    assert run_cli("corpus", "import", str(tmp_path / "missing"), "-o", str(tmp_path / "out")).code == 2


@pytest.mark.parametrize(("line", "expected"), [
    ("（2023年3月15日）", "2023-03-15"), ("二〇二三年六月一日", "2023-06-01"), ("二〇二一年十二月三十一日", "2021-12-31"),
    ("时间：2022-11-08", "2022-11-08"), ("2023年2月30日", None), ("我们在2023年3月15日开会", None),
])
def test_a_date_is_a_line_that_is_only_a_date(line, expected):
    assert parse_date(line) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("王建国", "王建国"), ("（赵  红）", "赵红"), ("市委书记 王建国", "王建国"), ("讲话人：李明", "李明"),
    ("同志们：", None), ("一、总体要求", None),
])
def test_a_speaker_is_a_line_that_names_only_a_person(line, expected):
    assert parse_speaker(line) == expected


def test_speaker_in_a_title_and_a_subtitle():
    stated = stated_metadata(["王建国同志在全市教育工作会议上的讲话", "——2023年春季开学之际", SPEECH])
    assert stated.title == "王建国同志在全市教育工作会议上的讲话——2023年春季开学之际"
    assert stated.speaker == "王建国" and stated.date is None
