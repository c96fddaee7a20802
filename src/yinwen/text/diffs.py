"""Which words of a stretch a replacement changes: the smallest edits, widened to whole words.

A tracked change in Word should strike out only what changed (以【软弱退让】求安全, not the whole
quotation), and it reads best by word (确定 → 确立 rather than 定 → 立). difflib finds the changed
characters; each changed stretch is then widened to the word boundaries of the original (text/segment.py),
taking in only unchanged characters on either side, and stretches that meet are merged.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def changed_stretches(old: str, new: str, words: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in ``old`` coordinates such that applying them all turns ``old`` into ``new``."""
    if old == new:
        return []
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    bounds = _word_bounds(old) if words else None
    stretches: list[list[int]] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        if bounds is not None:
            room_left = ops[index - 1][2] - ops[index - 1][1] if index and ops[index - 1][0] == "equal" else 0
            room_right = ops[index + 1][2] - ops[index + 1][1] if index + 1 < len(ops) and ops[index + 1][0] == "equal" else 0
            left = i1 - max((b for b in bounds if b <= i1), default=i1)
            right = min((b for b in bounds if b >= i2), default=i2) - i2
            left, right = min(left, room_left), min(right, room_right)
            i1, j1, i2, j2 = i1 - left, j1 - left, i2 + right, j2 + right
        if stretches and i1 <= stretches[-1][1]:
            stretches[-1][1], stretches[-1][3] = max(stretches[-1][1], i2), max(stretches[-1][3], j2)
        else:
            stretches.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in stretches]


def _word_bounds(text: str) -> set[int] | None:
    try:
        from yinwen.text.segment import segment

        tokens = segment(text)
    except Exception:  # noqa: BLE001 - without a segmenter the changes stay character-exact
        return None
    bounds, at = {0}, 0
    for token in tokens:
        at += len(token)
        bounds.add(at)
    return bounds
