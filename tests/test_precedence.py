"""The original source first: when several sources hold the same words, every output cites the same one.

Order (match/precedence.py): the speaker or work the draft names, then the earliest dated original, then
documents that quote it, then undated excerpts; an excerpt in a compilation is dated by its own note.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests._cli import run_cli
from tests.conftest import SEED

WORDS = "坚持把人民群众的小事当作自己的大事，从人民群众关心的事情做起，从让人民群众满意的事情做起"
MISQUOTE = WORDS.replace("满意", "高兴")
REAL_DRAFTS = Path(__file__).resolve().parent / "fixtures" / "real-drafts"


def _source(folder: Path, name: str, front: str, body: str) -> None:
    (folder / f"{name}.txt").write_text(f"+++\nid = \"{name}\"\n{front}\n+++\n{body}\n", encoding="utf-8")


def _corpus(tmp_path: Path, *names: str) -> Path:
    """A corpus in which the same words stand in up to five kinds of place."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    places = {
        "summary": ('title = "在工作会议上的总结讲话"\nspeaker = "蔡奇"\ndate = 2023-04-03\nkind = "speech"',
                    f"同志们：\n\n习近平总书记在讲话中指出，{WORDS}。我们要认真贯彻。"),
        "speech": ('title = "在工作会议上的讲话"\nspeaker = "习近平"\ndate = 2023-04-03\nkind = "speech"',
                   f"同志们：\n\n{WORDS}。这是我们的责任。"),
        "decision": ('title = "中共中央关于某事的决定"\nspeaker = "中共中央"\ndate = 2023-05-01\nkind = "decision"',
                     f"总则。\n\n{WORDS}。"),
        "extract": ('title = "讲话数据库摘录"\nspeaker = "习近平"\nkind = "speech-excerpt"', f"{WORDS}。"),
        "compilation": ('title = "求是文章"\nspeaker = "习近平"\ndate = 2024-01-01\nkind = "excerpts"',
                        f"一\n\n{WORDS}。\n\n（2019年1月2日在某座谈会上的讲话）\n\n二\n\n别的话说了很多遍。\n\n（2020年3月4日在另一会议上的讲话）"),
    }
    for name in names:
        _source(folder, name, *places[name])
    return folder


def _cited(draft: Path, corpus: Path) -> list[dict]:
    result = run_cli("cite", str(draft), "--corpus", str(corpus), "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)["citations"]


@pytest.mark.parametrize(("places", "cue", "expected"), [
    (("summary", "speech", "decision", "extract", "compilation"), "", "compilation"),  # 2019 excerpt: earliest
    (("summary", "speech", "decision", "extract"), "", "speech"),  # same day as the summary, which quotes it
    (("summary", "decision", "extract"), "", "decision"),  # an original before a document quoting it
    (("summary", "extract"), "", "summary"),  # dated before undated
    (("summary", "speech", "decision", "extract", "compilation"), "蔡奇同志强调：", "summary"),  # the named speaker
    (("summary", "speech", "decision", "extract", "compilation"), "党中央强调：", "decision"),
    (("speech", "compilation"), "习近平总书记指出：", "compilation"),  # both his own: the earliest
])
def test_the_original_is_cited(tmp_path, places, cue, expected):
    corpus = _corpus(tmp_path, *places)
    draft = tmp_path / "draft.txt"
    draft.write_text(f"{cue}“{WORDS}。”\n", encoding="utf-8")
    (citation,) = _cited(draft, corpus)
    assert citation["source"]["id"] == expected
    others = {entry["id"] for entry in citation["source"]["also_in"]}
    assert others == set(places) - {expected}


def test_an_excerpt_is_cited_with_its_own_date_and_occasion(tmp_path):
    corpus = _corpus(tmp_path, "compilation")
    draft = tmp_path / "draft.txt"
    draft.write_text(f"“{WORDS}。”\n", encoding="utf-8")
    (citation,) = _cited(draft, corpus)
    assert citation["source"]["date"] == "2019-01-02" and citation["source"]["occasion"] == "在某座谈会上的讲话"
    assert citation["citation"].startswith("习近平：《求是文章》（2019年1月2日，在某座谈会上的讲话），")


def test_every_output_names_the_same_source(tmp_path):
    """text, JSON, SARIF, HTML, --fix (a misquote) and cite (the corrected draft) agree on the original."""
    corpus = _corpus(tmp_path, "summary", "speech", "decision", "extract")
    draft = tmp_path / "draft.txt"
    draft.write_text(f"会上指出，“{MISQUOTE}”。\n", encoding="utf-8")
    title = "在工作会议上的讲话"
    outputs = {name: run_cli("check", str(draft), "--corpus", str(corpus), "--format", name)
               for name in ("text", "json", "sarif", "html")}
    report = json.loads(outputs["json"].stdout)
    (diagnostic,) = [d for d in report["files"][0]["diagnostics"] if d["code"] == "YW101"]
    assert diagnostic["source"]["id"] == "speech"
    assert {entry["id"] for entry in diagnostic["source"]["also_in"]} == {"summary", "decision", "extract"}
    assert re.search(rf"出处  习近平《{title}》，2023-04-03", outputs["text"].stdout)
    assert f"习近平《{title}》" in outputs["sarif"].stdout and "总结讲话" not in outputs["sarif"].stdout
    assert f"习近平《{title}》" in outputs["html"].stdout and "总结讲话" not in outputs["html"].stdout
    fixed = run_cli("check", str(draft), "--corpus", str(corpus), "--fix")
    assert f"依据 习近平《{title}》" in fixed.stderr
    assert draft.read_text(encoding="utf-8") == f"会上指出，“{WORDS}”。\n"
    (citation,) = _cited(draft, corpus)
    assert citation["source"]["id"] == "speech"


def test_cite_on_the_seed_names_the_speech_not_the_summary():
    result = run_cli("cite", str(SEED), "--format", "json")
    first = json.loads(result.stdout)["citations"][0]
    assert first["quote"] == "以学铸魂、以学增智、以学正风、以学促干"
    assert first["source"]["id"] == "xi-2023-04-03-theme-education"
    assert first["citation"].startswith("习近平：《在学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议上的讲话》（2023年4月3日）")
    assert "caiqi-2023-04-03-theme-education-summary" in {entry["id"] for entry in first["source"]["also_in"]}


def test_no_citation_of_the_seed_or_the_real_drafts_is_an_undated_excerpt_when_a_dated_source_holds_it(corpus):
    from yinwen.corpus.search import exact_occurrences
    from yinwen.text.normalize import normalize_text

    result = run_cli("cite", str(SEED), str(REAL_DRAFTS), "--format", "json")
    citations = json.loads(result.stdout)["citations"]
    assert len(citations) > 40
    undated = [c for c in citations if not c["source"]["date"]]
    for citation in undated:
        places = [corpus.sources[corpus.source_of_norm(p)]
                  for p in exact_occurrences(corpus, normalize_text(citation["source"]["text"]), limit=1000)]
        (cited,) = [source for source in places if source.id == citation["source"]["id"]][:1]
        if cited.is_classical:
            continue  # a poem or a classic is the original however a dated speech quotes it
        dated = sorted(source.id for source in places if source.date)
        assert not dated, f"{citation['quote']} is cited to {cited.id} but {dated} are dated"
    # The rule is not vacuous here: some of these quotations stand in undated excerpts as well.
    assert any(entry["date"] is None for c in citations for entry in c["source"]["also_in"])
