"""The curated corpus: full metadata on the new sources, dated 人民网 extracts, dated excerpts of compilations."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests._cli import run_cli
from yinwen.corpus.sources import load_jsonl, load_text_source
from yinwen.resources import bundled_corpus_dir

MODERN = bundled_corpus_dir() / "modern"
DATABASE = MODERN / "xi-renmin-database-excerpts.jsonl"
NEW_SOURCES = [
    "xi-2022-04-25-renmin-university-report", "xi-2022-07-26-provincial-ministerial-seminar-report",
    "xi-2022-03-01-young-cadres-class-report", "xi-2024-09-09-education-conference-report",
    "xi-2022-05-02-letter-space-station-youth", "xi-2022-05-18-letter-nju-returnee-scholars",
    "xi-2021-11-qiushi-jianding-lixiang-xinnian", "cpc-2021-11-11-sixth-plenum-communique",
]
NOTE = re.compile(r"^[（(]\d{4}年\d{1,2}月\d{1,2}日")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", NEW_SOURCES)
def test_new_sources_carry_full_metadata(name):
    source = load_text_source(MODERN / f"{name}.txt")
    assert source.id == name
    for field in ("title", "speaker", "date", "occasion", "kind", "origin", "licence", "completeness"):
        assert getattr(source, field), f"{name}: {field} missing"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.date or "")


def test_a_compilation_dates_every_excerpt_by_its_note():
    for path in sorted(MODERN.glob("xi-*.txt")):
        source = load_text_source(path)
        notes = [p for p in source.paragraphs if NOTE.match(p.strip())]
        if not source.is_compilation:
            continue
        assert len(source.excerpts) == len(notes), path.name
        for excerpt in source.excerpts:
            note = source.paragraphs[excerpt.last]  # the paragraph after the excerpt is its note
            year, month, day = (int(part) for part in excerpt.date.split("-"))
            assert note.strip()[1:].startswith(f"{year}年{month}月{day}日"), (path.name, excerpt)
    qiushi = load_text_source(MODERN / "xi-2021-11-qiushi-jianding-lixiang-xinnian.txt")
    assert qiushi.dated(7) == ("2012-11-17", "在十八届中央政治局第一次集体学习时的讲话")
    assert qiushi.dated(1) == ("2021-11-01", qiushi.occasion)  # the title line is the article's own


def test_every_dated_extract_stands_verbatim_in_the_source_it_was_dated_from():
    sources = {}
    for path in MODERN.glob("*.txt"):
        source = load_text_source(path)
        sources[source.id] = source
    for source in load_jsonl(MODERN / "xi-2020-jhsjk-speeches.jsonl"):
        sources[source.id] = source
    records = [json.loads(line) for line in DATABASE.read_text(encoding="utf-8").splitlines() if line.strip()]
    dated = [record for record in records if record.get("date")]
    assert len(dated) == 495
    for record in dated:
        origin = sources[record["dated_from"]]
        text = _squeezed(record["text"])
        holding = [number for number, paragraph in enumerate(origin.paragraphs, start=1) if text in _squeezed(paragraph)]
        assert holding or text in _squeezed(origin.text), record["id"]
        allowed = {origin.dated(number) for number in holding} | {(origin.date, origin.occasion or "")}
        assert (record["date"], record["occasion"]) in allowed, record["id"]
        assert origin.speaker == "习近平"


def test_a_dated_extract_is_cited_with_its_date_and_occasion(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATABASE, corpus)
    shutil.copy(MODERN / "SOURCES.toml", corpus)
    record = next(json.loads(line) for line in DATABASE.read_text(encoding="utf-8").splitlines()
                  if '"xi-renmin-2487"' in line)
    draft = tmp_path / "draft.txt"
    draft.write_text(f"“{record['text'][:40]}”\n", encoding="utf-8")
    cited = json.loads(run_cli("cite", str(draft), "--corpus", str(corpus), "--format", "json").stdout)["citations"]
    (citation,) = cited
    assert citation["source"]["id"] == "xi-renmin-2487"
    assert (citation["source"]["date"], citation["source"]["occasion"]) == ("2015-01-12", "在中央党校县委书记研修班学员座谈会上的讲话")
    assert "（2015年1月12日，在中央党校县委书记研修班学员座谈会上的讲话）" in citation["citation"]
