"""Look words up in the segmenter's dictionary (jieba's dict.txt): is it a word, and what part of speech.

The stutter rule needs this rarely (a handful of look-ups per document), so at first the dictionary is
not parsed: its text is read once and searched for ``\\nword ``; only a long run parses it.
Without jieba's dictionary file every look-up answers "unknown" and callers fall back to shape rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _dictionary_text() -> str:
    from importlib.util import find_spec

    spec = find_spec("jieba")  # only its location: importing jieba costs a tenth of a second
    if spec is None or not spec.origin:  # pragma: no cover - jieba is a dependency
        return ""
    path = Path(spec.origin).with_name("dict.txt")
    try:
        return "\n" + path.read_text(encoding="utf-8")
    except OSError:  # pragma: no cover
        return ""


# After this many look-ups in one process (many files), parsing the whole dictionary once (~0.3 s)
# is cheaper than searching its text again for each new word (~3 ms each).
PARSE_AFTER = 60
_lookups = 0


@cache
def _parsed() -> dict[str, tuple[int, str]]:
    fields = _dictionary_text().split()
    table = {}
    for index in range(0, len(fields) - 2, 3):
        try:
            table[fields[index]] = (int(fields[index + 1]), fields[index + 2])
        except ValueError:  # pragma: no cover - a malformed line
            continue
    return table


@cache
def dictionary_entry(word: str) -> tuple[int, str] | None:
    """(frequency, part-of-speech tag) of ``word`` in the dictionary, or None when it is not listed."""
    global _lookups
    _lookups += 1
    if not word:
        return None
    if _lookups > PARSE_AFTER:
        return _parsed().get(word)
    text = _dictionary_text()
    found = text.find(f"\n{word} ")
    if found < 0:
        return None
    end = text.find("\n", found + 1)
    fields = text[found + 1: end if end >= 0 else len(text)].split(" ")
    try:
        return int(fields[1]), fields[2] if len(fields) > 2 else ""
    except (IndexError, ValueError):
        return None


def is_dictionary_word(word: str) -> bool:
    return dictionary_entry(word) is not None
