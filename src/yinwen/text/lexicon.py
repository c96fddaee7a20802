"""Look words up in the segmenter's dictionary (jieba's dict.txt): is it a word, and what part of speech.

The answer comes from the lexicon the segmenter uses (wordseg.py stores each word's frequency and
tag; memory-mapped from the cache, or built in memory once when the cache cannot be written), so a
look-up costs microseconds. Only when that lexicon cannot be had at all is dict.txt parsed, once.
Without jieba's dictionary file every look-up answers "unknown" and callers fall back to shape rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _parsed() -> dict[str, tuple[int, str]]:
    """dict.txt as a table: the fallback when the lexicon cannot be built or read."""
    from importlib.util import find_spec

    spec = find_spec("jieba")  # only its location: importing jieba costs a tenth of a second
    if spec is None or not spec.origin:  # pragma: no cover - jieba is a dependency
        return {}
    try:
        text = Path(spec.origin).with_name("dict.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # pragma: no cover - unreadable dictionary
        return {}
    table = {}
    for line in text.split("\n"):
        fields = line.split(" ")
        try:
            table[fields[0]] = (int(fields[1]), fields[2] if len(fields) > 2 else "")
        except (IndexError, ValueError):
            continue
    return table


@cache
def dictionary_entry(word: str) -> tuple[int, str] | None:
    """(frequency, part-of-speech tag) of ``word`` in the dictionary, or None when it is not listed."""
    if not word:
        return None
    try:
        from yinwen.text.wordseg import lexicon

        return lexicon().entry(word)
    except (ImportError, OSError, ValueError, KeyError):  # no cached lexicon: parse the dictionary instead
        return _parsed().get(word)


def is_dictionary_word(word: str) -> bool:
    return dictionary_entry(word) is not None
