"""YW201 on clean official text: sentences of the bundled modern corpus that contain a doubled
character (常常, 大大, 学习习近平 …) are almost never stutters. Checked without the corpus, so the
rule cannot excuse a sentence by finding it in the corpus itself."""

from __future__ import annotations

import re

from tests.conftest import ROOT

MODERN = ROOT / "data" / "corpus" / "modern"
DOUBLED = re.compile(r"([\u4e00-\u9fff])\1")


def _sentences() -> list[str]:
    found = []
    for path in sorted(MODERN.glob("xi-*.txt")) + sorted(MODERN.glob("cpc-*.txt")):
        body = path.read_text(encoding="utf-8").split("+++", 2)[-1]
        for sentence in re.split(r"(?<=[。；！？])", body):
            sentence = sentence.strip()
            if 15 <= len(sentence) <= 200 and DOUBLED.search(sentence):
                found.append(sentence)
    return found[::2]


def test_doubled_characters_in_official_text_are_rarely_flagged():
    from yinwen.rules import Context
    from yinwen.rules.stutter import DuplicatedWord
    from yinwen.text.document import Document
    from yinwen.text.quotes import extract_quotes

    sentences = _sentences()
    assert len(sentences) >= 200
    flagged = 0
    for sentence in sentences:
        document = Document.from_text("corpus.txt", sentence)
        flagged += bool(list(DuplicatedWord().check(Context(document, extract_quotes(document), [], None))))
    assert flagged / len(sentences) <= 0.02
