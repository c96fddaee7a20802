"""Dated excerpts inside a compilation: a 《求是》 article made of passages from earlier speeches.

Such an article follows each passage with a note of its own, a paragraph of the form
（2012年11月17日在十八届中央政治局第一次集体学习时的讲话）. The article's date is when it was
compiled; a citation of one passage must give the passage's own date and occasion, so the notes are
read into a table of (first paragraph, last paragraph, date, occasion) when the source is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The whole paragraph is the note: an opening bracket, a date (a day range or a second day may follow:
# 12月26日、27日 / 5月20日至22日 / 9月23日—25日), the occasion, a closing bracket.
NOTE = re.compile(
    r"^[（(]\s*(\d{4})年(\d{1,2})月(\d{1,2})日"
    r"(?:\s*[、，,至—–\-~～]\s*(?:\d{1,2}月)?\d{1,2}日)*"
    r"\s*(.{2,120}?)\s*[）)]$"
)
# A short paragraph without sentence punctuation before a passage is a heading (一, 二十六, the title).
HEADING_MAX = 24
SENTENCE_MARKS = "。！？；，：…"


@dataclass(frozen=True)
class Excerpt:
    """Paragraphs ``first``–``last`` (1-based, inclusive) were said on ``date`` at ``occasion``."""

    first: int
    last: int
    date: str
    occasion: str

    def to_list(self) -> list[int | str]:
        return [self.first, self.last, self.date, self.occasion]

    @classmethod
    def from_list(cls, value: list) -> Excerpt:
        first, last, date, occasion = value
        return cls(int(first), int(last), str(date), str(occasion))


def is_compilation(kind: str) -> bool:
    """Kinds whose paragraphs come from other, earlier occasions (excerpts, article-excerpts …)."""
    return "excerpt" in kind


def note_of(paragraph: str) -> tuple[str, str] | None:
    """(ISO date, occasion) when the paragraph is a dated source note, else None."""
    found = NOTE.match(paragraph.strip())
    if not found:
        return None
    year, month, day, occasion = found.groups()
    if not 1 <= int(month) <= 12 or not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}", occasion.strip()


def dated_excerpts(paragraphs: tuple[str, ...]) -> tuple[Excerpt, ...]:
    """The excerpts a compilation's notes date: each note covers the passage since the previous note."""
    found = []
    start = 0
    for index, paragraph in enumerate(paragraphs):
        note = note_of(paragraph)
        if note is None:
            continue
        first = start
        while first < index and _is_heading(paragraphs[first]):
            first += 1
        if first < index:
            found.append(Excerpt(first + 1, index, note[0], note[1]))
        start = index + 1
    return tuple(found)


def _is_heading(paragraph: str) -> bool:
    text = paragraph.strip()
    return len(text) <= HEADING_MAX and not any(mark in text for mark in SENTENCE_MARKS)


def excerpt_at(excerpts: tuple[Excerpt, ...], paragraph: int) -> Excerpt | None:
    """The excerpt that holds 1-based ``paragraph``, if any."""
    for excerpt in excerpts:
        if excerpt.first <= paragraph <= excerpt.last:
            return excerpt
    return None
