"""yinwen.text.wordseg gives rjieba's tokens, window for window, on real drafts and corpus text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import REAL_DRAFTS, ROOT, SEED

rjieba = pytest.importorskip("rjieba")


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(REAL_DRAFTS.glob("*.txt"))]
    texts.append(SEED.read_text(encoding="utf-8"))
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data" / "corpus" / "modern").glob("*.txt"))[:20]]
    return texts


def test_windows_like_the_stutter_rule_segments_are_identical() -> None:
    from yinwen.text import wordseg

    rng = random.Random(20261129)
    checked = 0
    for text in _texts():
        for _ in range(120):
            start = rng.randrange(0, max(1, len(text) - 20))
            window = text[start: start + rng.randrange(4, 40)]
            assert wordseg.cut(window) == rjieba.cut(window), window
            checked += 1
    assert checked > 3000


def test_whole_documents_and_mixed_scripts_are_identical() -> None:
    from yinwen.text import wordseg

    for text in _texts()[:12]:
        assert wordseg.cut(text) == rjieba.cut(text)
    for text in ["COVID-19疫情期间，GDP增长12.5%，见 http://example.cn/a_b.html 第3.2节。",
                 "二十大大报告", "王丽丽认认真真研究研究", "a+b#c&d ab..cd 1%2", "\r\n  \t", ""]:
        assert wordseg.cut(text) == rjieba.cut(text)
        assert "".join(wordseg.cut(text)) == text


def test_segment_uses_the_fast_path() -> None:
    from yinwen.text import segment, wordseg

    segment._cutter.cache_clear()
    assert segment._cutter() is wordseg.cut


def test_damaged_lexicon_is_rebuilt(tmp_path, monkeypatch) -> None:
    from yinwen.text import wordseg

    monkeypatch.setenv("YINWEN_CACHE_DIR", str(tmp_path))
    wordseg.lexicon.cache_clear()
    try:
        first = wordseg.lexicon()
        directory = next((tmp_path / "lexicon").iterdir())
        (directory / "keys.npy").write_bytes(b"not an array")
        wordseg.lexicon.cache_clear()
        again = wordseg.lexicon()
        assert len(again.keys) == len(first.keys)
        assert wordseg.cut("二十大大报告") == rjieba.cut("二十大大报告")
    finally:
        wordseg.lexicon.cache_clear()


def test_lexicon_entries_are_the_dictionary_lines() -> None:
    """Frequency and part of speech from the mapped lexicon equal dict.txt's line; prefixes and
    non-words are not entries."""
    import jieba

    from yinwen.text import lexicon, wordseg

    text = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.split("\n"):
        fields = line.split(" ")
        if len(fields) >= 3:
            table[fields[0]] = (int(fields[1]), fields[2])
    rng = random.Random(7)
    words = rng.sample(sorted(table), 3000) + ["一点点", "大大", "的", "常常", "习近平"]
    for word in words:
        assert wordseg.lexicon().entry(word) == table[word], word
        assert lexicon.dictionary_entry(word) == table[word], word
    for word in ["二十大大", "大报告啊", "习近", "qwerty"]:
        if word not in table:
            assert wordseg.lexicon().entry(word) is None
            assert lexicon.dictionary_entry(word) is None
