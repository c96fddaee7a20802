"""Corpus loading, the cached index and lookups (corpus/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yinwen.corpus.search import exact_occurrences
from yinwen.corpus.sources import CorpusError, load_sources
from yinwen.corpus.store import open_corpus
from yinwen.match.candidates import search
from yinwen.text.normalize import normalize_text

SPEECH = """+++
id = "test-speech"
title = "测试讲话"
speaker = "习近平"
date = 2023-04-03
kind = "speech"
origin = "written for this test"
licence = "CC0"
aliases = ["测试会议讲话"]
+++
第一段：历史反复证明，以斗争求安全则安全存，以妥协求安全则安全亡。

第二段：江山就是人民，人民就是江山。
"""


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "speech.txt").write_text(SPEECH, encoding="utf-8")
    records = [
        {"title": "學而篇", "title_simplified": "学而篇", "author": "孔子", "dynasty": "春秋", "source": "论语",
         "text": "學而時習之，不亦說乎？", "text_simplified": "学而时习之，不亦说乎？"},
        {"title": "静夜思", "author": "李白", "dynasty": "唐", "source": "全唐诗", "text": "床前明月光，疑是地上霜。"},
    ]
    (root / "classics.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    (root / "SOURCES.toml").write_text('[[files]]\nfile = "classics.jsonl"\norigin = "test"\nlicence = "CC0"\n',
                                       encoding="utf-8")
    return root


def test_both_formats_load_with_metadata(tmp_path: Path) -> None:
    sources = {s.id: s for s in load_sources([write_corpus(tmp_path / "c")])}
    speech = sources["test-speech"]
    assert speech.speaker == "习近平" and speech.date == "2023-04-03" and len(speech.paragraphs) == 2
    assert speech.aliases == ("测试会议讲话",)
    lunyu = sources["classics-00001"]
    assert lunyu.title == "学而篇" and lunyu.text == "学而时习之，不亦说乎？" and lunyu.book == "论语"
    assert lunyu.licence == "CC0"


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("bad.txt", "+++\ntitle = \n+++\n正文", "bad.txt:"),
        ("open.txt", "+++\ntitle = '无尾'\n正文", "open.txt:1"),
        ("bad.jsonl", '{"title": "a", "text": "正文"}\n{not json}\n', "bad.jsonl:2"),
        ("empty.jsonl", '{"title": "a", "text": ""}\n', "empty.jsonl:1"),
    ],
)
def test_malformed_sources_name_path_and_line(tmp_path: Path, name: str, content: str, where: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_sources([tmp_path])
    assert where in str(caught.value)


def test_index_is_cached_and_invalidated_by_a_changed_source(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c")
    cache = tmp_path / "cache"
    first = open_corpus([root], cache)
    again = open_corpus([root], cache)
    assert again.fingerprint == first.fingerprint
    (root / "speech.txt").write_text(SPEECH.replace("江山就是人民", "人民就是江山"), encoding="utf-8")
    changed = open_corpus([root], cache)
    assert changed.fingerprint != first.fingerprint
    assert exact_occurrences(changed, normalize_text("人民就是江山，人民就是江山"))


def test_corrupt_index_is_rebuilt(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c")
    cache = tmp_path / "cache"
    corpus = open_corpus([root], cache)
    index_file = next((cache / "index").rglob("positions.bin"))
    index_file.write_bytes(b"garbage")
    rebuilt = open_corpus([root], cache)
    assert rebuilt.fingerprint == corpus.fingerprint
    assert search(rebuilt, normalize_text("以妥协求安全则安全亡"))[0].alignment.cost == 0


def test_search_finds_the_passage_and_locates_it(tmp_path: Path) -> None:
    corpus = open_corpus([write_corpus(tmp_path / "c")], tmp_path / "cache")
    best = search(corpus, normalize_text("以斗争求安全则安全存，以软弱退让求安全则安全亡"))[0]
    source = corpus.sources[best.source]
    assert source.id == "test-speech"
    start = corpus.orig_offset(best.start)
    assert corpus.paragraph_number(best.source, start) == 1
    assert [run.op for run in best.alignment.runs] == ["replace"]


def test_bundled_corpus_records_origin_and_licence(corpus) -> None:
    missing = [s.id for s in corpus.sources if not s.origin or not s.licence]
    assert not missing[:5]
    assert len(corpus.sources) > 1000 and corpus.chars > 5_000_000
