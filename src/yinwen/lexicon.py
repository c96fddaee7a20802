"""Look words up in the segmenter's dictionary (jieba's dict.txt): is it a word, and what part of speech.

The stutter rule needs this rarely (a handful of look-ups per document), so at first the dictionary is
not parsed: its text is read once and searched for ``\\nword ``; only a long run parses it.
Without jieba's dictionary file every look-up answers "unknown" and callers fall back to shape rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _dictionary_bytes():
    """The dictionary file, memory-mapped: nothing is read or decoded up front, and a look-up is a
    byte search for the UTF-8 form of ``\nword `` in pages the OS already caches."""
    import mmap
    from importlib.util import find_spec

    spec = find_spec("jieba")  # only its location: importing jieba costs a tenth of a second
    if spec is None or not spec.origin:  # pragma: no cover - jieba is a dependency
        return b""
    path = Path(spec.origin).with_name("dict.txt")
    try:
        with path.open("rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # pragma: no cover - unreadable or empty file
        return b""


@cache
def _dictionary_text() -> str:
    data = _dictionary_bytes()
    return "\n" + bytes(data[:]).decode("utf-8") if len(data) else ""


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
    if _certainly_absent(word):
        return None
    data = _dictionary_bytes()
    needle = f"{word} ".encode()
    if data[: len(needle)] == needle:
        found = 0
    else:
        found = data.find(b"\n" + needle)
        if found < 0:
            return None
        found += 1
    end = data.find(b"\n", found)
    fields = bytes(data[found: end if end >= 0 else len(data)]).decode("utf-8").split(" ")
    try:
        return int(fields[1]), fields[2] if len(fields) > 2 else ""
    except (IndexError, ValueError):
        return None


def _certainly_absent(word: str) -> bool:
    """The memory-mapped lexicon of the segmenter (built from the same dict.txt) answers "not a word"
    in microseconds, sparing a scan of the 5 MB file for most look-ups."""
    try:
        from yinwen.wordseg import lexicon

        return not lexicon().freq(word)
    except (ImportError, OSError, ValueError):  # pragma: no cover - no cached lexicon: scan instead
        return False


def is_dictionary_word(word: str) -> bool:
    return dictionary_entry(word) is not None
