"""The fold of traditional and variant characters (data/variants.tsv) agrees with OpenCC on every character
of the bundled traditional sources, and traditional quotations match their simplified sources."""

from __future__ import annotations

import json
import unicodedata

import opencc
import pytest

from yinwen.resources import bundled_corpus_dir
from yinwen.text.normalize import fold_char, normalize_text

T2S = opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def traditional_characters() -> set[str]:
    found: set[str] = set()
    for path in (bundled_corpus_dir() / "classics").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("script") == "traditional":
                found.update(ch for ch in record["text"] if unicodedata.category(ch) == "Lo")
    return found


def test_every_character_of_the_traditional_sources_folds_as_opencc_converts_it(traditional_characters) -> None:
    """A character and OpenCC's simplified form of it are one form for matching, and folding is idempotent."""
    assert len(traditional_characters) > 3000
    wrong = {}
    for ch in traditional_characters:
        converted = T2S.convert(ch)
        folded = fold_char(ch)
        if fold_char(folded) != folded or (len(converted) == 1 and fold_char(converted) != folded):
            wrong[ch] = (folded, converted)
    assert not wrong, sorted(wrong.items())[:20]


@pytest.mark.parametrize("traditional, simplified", [
    ("習近平總書記指出", "习近平总书记指出"),
    ("我們於是乾乾淨淨", "我们于是干干净净"),
    ("學而時習之，不亦說乎", "学而时习之，不亦说乎"),
])
def test_traditional_text_normalises_like_its_simplified_form(traditional: str, simplified: str) -> None:
    assert normalize_text(traditional) == normalize_text(simplified)


def test_zhouyi_keeps_qian(corpus) -> None:
    """君子终日乾乾 is 周易's wording in the simplified text too (OpenCC had made it 干干)."""
    index = next(i for i in range(len(corpus.sources)) if corpus.sources[i].book == "周易" and corpus.sources[i].title == "乾")
    assert "君子终日乾乾" in corpus.source_text(index)
