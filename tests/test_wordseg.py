"""yinwen.text.wordseg gives rjieba's tokens, window for window, on real drafts and corpus text."""

from __future__ import annotations

import math
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


def test_every_word_and_prefix_of_the_shipped_dictionary_has_its_own_key() -> None:
    """The build checks words for colliding keys but not prefixes (too slow for a first run): here,
    every distinct prefix and word of jieba's dict.txt gets a distinct key, and each prefix that is
    not a word is an entry of frequency 0."""
    import jieba
    import numpy as np

    from yinwen.text import wordseg
    from yinwen.text.lexicon_keys import word_key

    text = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8")
    words = {line.split(" ")[0] for line in text.split("\n") if line.strip()}
    strings = words | {word[:end] for word in words for end in range(1, len(word))}
    keys = np.array([word_key(string) for string in strings], dtype=np.int64)
    assert len(np.unique(keys)) == len(strings)
    lexicon = wordseg.lexicon()
    assert len(lexicon.keys) == len(strings)
    for prefix in random.Random(5).sample(sorted(strings - words), 2000):
        assert lexicon.freq(prefix) == 0, prefix


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_word_listed_twice_keeps_its_later_line_and_all_lines_count(tmp_path, monkeypatch, newline) -> None:
    """jieba's rules for its dictionary, on the fast path (jieba's own layout) and the line-by-line
    one (Windows line ends, a line without a tag)."""
    from yinwen.text import lexicon_build, wordseg

    last_line = "共和国 4 n" if newline == "\n" else "共和国 4"  # no tag: the slow path
    dictionary = tmp_path / "dict.txt"
    lines = ["中华 30 ns", "人民 20 n", "中华 50 nz", last_line]
    dictionary.write_text(newline.join(lines) + newline, encoding="utf-8")
    monkeypatch.setattr(lexicon_build, "lexicon_source", lambda: (dictionary, "test"))
    lexicon = wordseg.Lexicon(*lexicon_build.compute())
    assert lexicon.entry("中华") == (50, "nz")
    assert lexicon.entry("人民") == (20, "n")
    assert lexicon.freq("共和") == 0 and lexicon.entry("共和") is None
    assert lexicon.freq("中") == 0 and lexicon.freq("华") is None
    assert lexicon.logtotal == pytest.approx(math.log(30 + 20 + 50 + 4))
    assert (lexicon.entry("共和国") or (0, ""))[0] == 4
