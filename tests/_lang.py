"""Tell an English line from a Chinese one, for the tests that run yinwen in one language and read its output."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# An English word: letters only, once the punctuation around it is taken off (paths, codes and options
# keep their dots, slashes, digits or dashes and are not words).
WORD = re.compile(r"[A-Za-z][a-z]+")
AROUND = "()[]{}'\"“”‘’`,.;:!?"
NOT_WORDS = {"yinwen"}


def english_lines(text: str) -> list[str]:
    """Lines with no Chinese character and at least two English words: what a Chinese run must not print."""
    found = []
    for line in text.splitlines():
        if not line.strip() or CJK.search(line):
            continue
        tokens = [token.strip(AROUND) for token in line.split()]
        words = [token for token in tokens if WORD.fullmatch(token) and token.lower() not in NOT_WORDS]
        if len(words) >= 2:
            found.append(line)
    return found


def chinese_lines(text: str) -> list[str]:
    """Lines that contain a Chinese character: what an English run's messages must not print."""
    return [line for line in text.splitlines() if CJK.search(line)]
