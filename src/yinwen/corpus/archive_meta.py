"""What a document says about itself: its title, who spoke, and when — read from its first and last lines.

An official text states these in a fixed way: the title on the first line (a subtitle ——在…上的讲话 on
the next), the speaker's name alone on a line or in brackets (（张三）, 市委书记 张三, 讲话人：张三), and a
date alone on a line — under the title for a speech, at the foot for a 文件 — written 2023年4月3日,
二〇二三年四月三日 or 2023-04-03. Only what stands in those places is taken; anything else is left for
a sidecar or the command line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache

from yinwen.resources import load_word_list

HEAD_LINES = 8
FOOT_LINES = 3
TITLE_MAX = 60
SENTENCE_END = "。！？；…"
DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
HAN_NUMBER = "〇零○Ｏ一二三四五六七八九十"
DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
    re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$"),
    re.compile(rf"^([{HAN_NUMBER}]{{4}})年([{HAN_NUMBER}]{{1,3}})月([{HAN_NUMBER}]{{1,3}})日$"),
)
DATE_LABEL = re.compile(r"^(?:时间|日期|发布时间|发布日期|成文日期|印发日期)[:：]\s*")
SPEAKER_LABEL = re.compile(r"^(?:讲话人|发言人|报告人|作者|主讲人|署名)[:：]\s*")
NAME = r"[\u4e00-\u9fff]{2,4}"
# 张三同志在全市教育大会上的讲话: the shortest name before 在 (lazy, so 同志 is not taken into it).
SPEAKER_IN_TITLE = re.compile(r"^(?!关于)([\u4e00-\u9fff]{2,4}?)(?:同志)?在.{2,60}(?:讲话|报告|发言|致辞|讲稿)")


@dataclass(frozen=True)
class Stated:
    """Metadata the document states, each None when it does not."""

    title: str | None = None
    speaker: str | None = None
    date: str | None = None


def _han_number(text: str) -> int | None:
    """二十一 → 21, 十 → 10, 二〇二三 → 2023 (digit by digit when there is no 十)."""
    if "十" in text:
        tens, _, units = text.partition("十")
        if any(ch not in DIGITS for ch in tens + units):
            return None
        return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[units] if units else 0)
    if not text or any(ch not in DIGITS for ch in text):
        return None
    return int("".join(str(DIGITS[ch]) for ch in text))


def parse_date(text: str) -> str | None:
    """An ISO date for a line that is only a date (brackets and a 时间： label allowed), else None."""
    line = DATE_LABEL.sub("", text.strip().strip("（）()[]【】 \u3000"))
    line = line.replace(" ", "")
    for pattern in DATE_PATTERNS:
        found = pattern.match(line)
        if not found:
            continue
        parts = [int(part) if part.isdigit() else _han_number(part) for part in found.groups()]
        if None in parts:
            return None
        year, month, day = parts
        try:
            return datetime.date(year, month, day).isoformat()  # type: ignore[arg-type]
        except ValueError:
            return None
    return None


@cache
def _surnames() -> frozenset[str]:
    return load_word_list("surnames.txt")


def _name(text: str) -> str | None:
    """A personal name: two to four Chinese characters led by a common surname (spaces inside are layout)."""
    squeezed = re.sub(r"[\s\u3000]+", "", text)
    if not re.fullmatch(NAME, squeezed):
        return None
    surnames = _surnames()
    return squeezed if squeezed[0] in surnames or squeezed[:2] in surnames else None


def parse_speaker(text: str) -> str | None:
    """The speaker of a line that names only a person: 张三 / （张三） / 市委书记 张三 / 讲话人：张三."""
    line = SPEAKER_LABEL.sub("", text.strip())
    line = line.strip("（）() \u3000")
    found = _name(line)
    if found:
        return found
    parts = re.split(r"[\s\u3000]+", line)
    if 2 <= len(parts) <= 4 and len(parts[0]) <= 12:
        return _name(parts[-1]) if len(parts[-1]) >= 2 else _name("".join(parts[-2:]))
    return None


def _is_title(text: str) -> bool:
    line = text.strip()
    return 2 <= len(line) <= TITLE_MAX and line[-1] not in SENTENCE_END and parse_date(line) is None


def stated_metadata(paragraphs: list[str], title_hint: str | None = None) -> Stated:
    """Title, speaker and date the first lines (and, for a date, the last lines) of a document state."""
    head = [p.strip() for p in paragraphs[:HEAD_LINES] if p.strip()]
    title = title_hint or None
    rest = head
    if title is None and head and _is_title(head[0]):
        title, rest = head[0], head[1:]
        if rest and rest[0].startswith(("——", "—", "－－")) and _is_title(rest[0]):
            title, rest = title + rest[0], rest[1:]
    speaker = None
    date = None
    for line in rest:
        date = date or parse_date(line)
        speaker = speaker or parse_speaker(line)
    if speaker is None and title:
        found = SPEAKER_IN_TITLE.match(title)
        speaker = _name(found.group(1)) if found and found.group(1) else None
    if date is None:
        for line in reversed([p for p in paragraphs[-FOOT_LINES:] if p.strip()]):
            date = parse_date(line)
            if date:
                break
    return Stated(title=title, speaker=speaker, date=date)
