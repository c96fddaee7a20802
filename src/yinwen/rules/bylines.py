"""Where each person's text begins in a compilation of several (述职报告汇编, 发言摘编, 心得体会选登).

Why: a compilation puts several people's reports in one file, each under its author's name on a
line of its own ("王  琛", "1.孙洪亮（党委副书记、纪委书记）"). Their shared boilerplate (the same
closing sentence, the same self-criticism formula) is not a sentence pasted twice by one writer, so
the repeated-sentence rule compares sentences only within one person's part. One byline (an author
under the title) makes no compilation: the document stays one part.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from yinwen.rules.reduplication import all_surnames
from yinwen.text.lexicon import dictionary_entry

# An optional list number, a name of two to four Han characters (spaces inside allowed, as names are
# padded to line up: 王  琛), an optional position in brackets, nothing else on the line.
BYLINE = re.compile(
    r"^[ \t\u3000]*(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?[ \t\u3000]*"
    r"(?P<name>[\u4e00-\u9fff](?:[ \t\u3000]*[\u4e00-\u9fff]){1,3})[ \t\u3000]*"
    r"(?:[（(][^（）()\n]{1,40}[)）])?[ \t\u3000]*$",
    re.MULTILINE,
)
MIN_BYLINES = 2
MIN_PART_CHARS = 200  # a report, a speech: not a label over a line or two


def looks_like_name(name: str) -> bool:
    """A surname the table knows, then one or two characters, and not a word the dictionary lists as
    something other than a person's name (党建, 方法, 高度 begin with surnames too)."""
    if not 2 <= len(name) <= 4:
        return False
    surname = name[:2] if name[:2] in all_surnames() and len(name) > 2 else name[:1]
    if surname not in all_surnames() or not 1 <= len(name) - len(surname) <= 2:
        return False
    entry = dictionary_entry(name)
    return entry is None or entry[1].startswith("nr")


def part_starts(text: str) -> list[int]:
    """Offsets where a person's part begins: [0] alone unless two or more bylines are found. A name
    standing on its own line twice is a label (原句 … 解读 … 原句), not an author; a byline must
    head a text of some length."""
    found = [(match.start(), re.sub(r"[ \t\u3000]", "", match.group("name"))) for match in BYLINE.finditer(text)]
    names = [name for _, name in found]
    starts = [start for start, name in found if names.count(name) == 1 and looks_like_name(name)]
    ends = [*starts[1:], len(text)]
    if len(starts) < MIN_BYLINES or any(end - start < MIN_PART_CHARS for start, end in zip(starts, ends)):
        return [0]
    return [0, *starts]


def same_part(starts: list[int], first: int, second: int) -> bool:
    return bisect_right(starts, first) == bisect_right(starts, second)
