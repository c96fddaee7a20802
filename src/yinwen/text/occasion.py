"""The occasion and date a cue names: 2014年5月4日，习近平总书记在北京大学师生座谈会上指出 → 北京大学师生座谈会, 2014-05-04.

A draft that cites a speech says where it was given (在…上/时, 在…的讲话中), names a letter (给…的回信,
致…的贺信) or a work (《…》), and sometimes when. This reads those forms only; the speaker is the
attribution's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
TITLE = re.compile(r"《([^《》]{1,60})》")
LETTER = re.compile(r"((?:给|致)[^，。；：,;:]{2,40}?的(?:回信|贺信|信|贺词|致辞))")
# 在 + place or event + 上/时/期间/之际 (…的重要讲话中): the event is what lies between.
AT = re.compile(r"在([^，。；：,;:在]{2,50}?)(?:上|时|期间|之际|中)(?:的)?(?:重要)?(?:讲话|致辞|发言|报告|指示|批示|答问)?(?:中|里)?"
                r"(?=[^，。；：,;:]{0,8}?(?:指出|强调|说|讲|要求|提出|告诫|号召|希望|寄语|勉励|写道|表示|明确|深刻|殷切))")
TRAILING = ("的重要讲话", "的讲话", "重要讲话", "讲话", "上", "时")


@dataclass(frozen=True)
class NamedOccasion:
    occasion: str | None = None
    date: str | None = None  # ISO, as precise as the cue is (2014, 2014-05, 2014-05-04)


def named_occasion(cue: str, title: str | None = None) -> NamedOccasion:
    """The occasion (or work) and date the cue names; None for what it does not name."""
    occasion = None
    if title:
        occasion = f"《{title}》"
    else:
        for pattern in (TITLE, LETTER, AT):
            found = pattern.search(cue)
            if found:
                occasion = f"《{found.group(1)}》" if pattern is TITLE else _trimmed(found.group(1))
                break
    date = None
    found_date = DATE.search(cue)
    if found_date:
        year, month, day = found_date.groups()
        date = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if month and day else "")
    return NamedOccasion(occasion or None, date)


def _trimmed(text: str) -> str:
    text = text.strip()
    changed = True
    while changed:
        changed = False
        for tail in TRAILING:
            if text.endswith(tail) and len(text) > len(tail) + 1:
                text, changed = text[: -len(tail)], True
    return text
