"""YW201 duplicated-word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.resources import load_word_list
from yinwen.rules import Context, Rule
from yinwen.segment import segment

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
# A doubled character, possibly across a line break.
DOUBLED = re.compile(r"([\u3400-\u9fff])(?:\r\n|\r|\n)?\1")
# Function words that are never doubled on purpose.
FUNCTION_WORDS = set("的了在是和与及对把被将就也都而并从向")


class DuplicatedWord(Rule):
    """A character or word doubled by mistake (二十大大报告, 的的), not legitimate reduplication.

    Why: a stutter left in a draft reads as carelessness in a genre that is read word by word.
    Legitimate reduplication (大大提高, 常常, 认认真真, 研究研究) is data in
    data/reduplications.txt and is recognised by shape (AABB, ABAB).
    Bad:  认真学习党的二十大大报告。
    Good: 认真学习党的二十大报告，大大提高了工作效率。
    """

    code = "YW201"
    name = "duplicated-word"
    severity = Severity.WARNING
    summary = "字词重复"
    summary_en = "doubled character or word"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        text = ctx.document.text
        legitimate = load_word_list("reduplications.txt")
        candidates = list(DOUBLED.finditer(text))
        if not candidates:
            return
        for found in candidates:
            char = found.group(1)
            first, second = found.start(), found.end() - 1
            if self._legitimate(text, first, second, char, legitimate):
                continue
            yield Diagnostic(
                code=self.code,
                rule=self.name,
                severity=self.severity,
                message=f"“{char}”字重复",
                message_en=f"“{char}” is doubled",
                span=ctx.document.span(second, second + 1),
                fix=text[first:second],
                details={"doubled": char * 2},
            )

    def _legitimate(self, text: str, first: int, second: int, char: str, legitimate: frozenset[str]) -> bool:
        # AABB (干干净净): the next two characters are also a pair, or the previous two are.
        if second + 2 < len(text) and text[second + 1] == text[second + 2] and HAN.match(text[second + 1]):
            return True
        if first >= 2 and text[first - 2] == text[first - 1] and HAN.match(text[first - 1]):
            return True
        if char in FUNCTION_WORDS:
            return False
        # Segment a small window: a doubled character inside one word (常常, 王丽丽) is fine; the
        # same character ending one word and starting the next (防治/治/结合) is a stutter.
        lo, hi = max(0, first - 8), min(len(text), second + 9)
        window = text[lo:hi].replace("\n", "").replace("\r", "")
        shift = sum(1 for ch in text[lo:first] if ch in "\r\n")
        a = first - lo - shift
        b = a + 1
        tokens = segment(window)
        starts = []
        position = 0
        for token in tokens:
            starts.append(position)
            position += len(token)
        if b not in starts:
            # Both characters inside one token (常常, 王丽丽, 大大提高): a real word.
            return True
        index = starts.index(b)
        left, right = tokens[index - 1], tokens[index]
        if len(left) > 1 and len(right) > 1:
            # 学习/习近平: two real words that happen to meet on the same character.
            return True
        # 帐/帐/相符: a listed AA word standing as two single-character tokens.
        return char * 2 in legitimate and left == char
