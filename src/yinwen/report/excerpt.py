"""The words of a finding in their place: a few characters of the line either side, the finding's own
characters marked. Used wherever a finding has no quotation of its own to show (a doubled character,
an unbalanced mark, an invisible character, a suppression naming no rule)."""

from __future__ import annotations

import unicodedata

REACH = 16  # characters of context either side
LONG = 40  # a marked stretch longer than this is shown by its ends

LINE_BREAKS = "\r\n"


def excerpt(text: str, start: int, end: int, marks: tuple[str, str] = ("【", "】")) -> str:
    """``text[start:end]`` marked, with up to REACH characters of its line(s) either side."""
    # The context stays on the finding's line — except when the finding starts (or ends) a line: a word
    # doubled across a line break is only understood with the copy on the other line.
    left = start - 1 if start > 0 and text[start - 1] == "\n" else start
    if left < start and left > 0 and text[left - 1] == "\r":
        left -= 1
    while left > 0 and start - left < REACH and text[left - 1] not in LINE_BREAKS:
        left -= 1
    right = end + 1 if end < len(text) and text[end] in LINE_BREAKS and end == start else end
    while right < len(text) and right - end < REACH and text[right] not in LINE_BREAKS:
        right += 1
    inside = text[start:end]
    if len(inside) > LONG:
        inside = inside[: LONG // 2] + "…" + inside[-LONG // 4:]
    head = "…" if left > 0 and text[left - 1] not in LINE_BREAKS else ""
    tail = "…" if right < len(text) and text[right] not in LINE_BREAKS else ""
    return (head + visible(text[left:start]) + marks[0] + visible(inside) + marks[1] + visible(text[end:right]) + tail)


def visible(text: str) -> str:
    """Line breaks as ↵ and invisible characters (zero-width, direction controls) as ⟨U+200B⟩."""
    out = []
    for ch in text:
        if ch in LINE_BREAKS:
            out.append("↵" if ch == "\n" or not out or out[-1] != "↵" else "")
        elif unicodedata.category(ch) in ("Cf", "Cc") and ch != "\t":
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)
