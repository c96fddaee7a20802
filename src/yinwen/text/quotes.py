"""Find quoted passages in a document: quotation marks, nesting, ellipses, paragraphs, cues.

Chinese typography: “” (and ‘’ inside), 「」 (and 『』 inside), and straight quotes in drafts typed
on Western keyboards. A quotation that runs over several paragraphs opens each paragraph again and
closes only at its end. An ellipsis (……) inside a quotation marks words left out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from yinwen.text.attribution import Attribution
from yinwen.text.cues import attribute_run
from yinwen.text.document import Document
from yinwen.text.normalize import normalize_text
from yinwen.text.roles import QUOTATION, classify

PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "＂": "＂"}
CLOSERS = {close: open_ for open_, close in PAIRS.items() if open_ != close}
SYMMETRIC = {'"', "＂"}
ELLIPSIS = re.compile(r"…+|\.{3,}|。{3,}|⋯+")
MARK_CHARS = "".join(sorted(set(PAIRS) | set(PAIRS.values())))
MARKS = re.compile(f"[{MARK_CHARS}]")
# Quotation marks read per document. A real draft has a few hundred; ten megabytes of marks used to
# cost gigabytes (a Quote, a match and findings for each). Past this many, the rest is not read for
# quotations and YW003 says where that starts (the other rules still read the whole text).
MAX_MARKS = 20_000
PARAGRAPH_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Quote:
    """One top-level quoted passage: content offsets exclude the quotation marks."""

    start: int
    end: int
    text: str
    open_mark: str
    parts: tuple[tuple[int, int], ...]
    attribution: Attribution
    nested: tuple[tuple[int, int], ...] = ()
    role: str = QUOTATION  # quotation, title, term, speech or emphasis (text/roles.py)
    role_firm: bool = True  # False: read from weak evidence, so an unmarked quotation may hide behind it

    @property
    def has_ellipsis(self) -> bool:
        return len(self.parts) > 1


@dataclass(frozen=True)
class UnbalancedMark:
    """A quotation mark with no partner (YW004)."""

    offset: int
    mark: str
    opening: bool


@dataclass
class Extraction:
    quotes: list[Quote] = field(default_factory=list)
    unbalanced: list[UnbalancedMark] = field(default_factory=list)
    cut_at: int | None = None  # offset of the first quotation mark past MAX_MARKS: not read from there on


@dataclass
class _Open:
    mark: str
    offset: int
    nested: list[tuple[int, int]] = field(default_factory=list)


def extract_quotes(document: Document, max_marks: int = MAX_MARKS) -> Extraction:
    """All top-level quotations of ``document`` and every unbalanced mark, up to ``max_marks`` marks."""
    text = document.text
    result = Extraction()
    stack: list[_Open] = []
    index = 0
    length = len(text)
    if sum(text.count(mark) for mark in MARK_CHARS) > max_marks:  # counting is far cheaper than finding
        past_limit = next(itertools.islice(MARKS.finditer(text), max_marks, None))
        result.cut_at = length = past_limit.start()
    while index < length:
        ch = text[index]
        if ch in ("\n", "\r") and stack:
            index = _continue_or_break(text, index, stack, result)
            continue
        if ch in SYMMETRIC:
            if stack and stack[-1].mark == ch:
                _close(text, stack, index, result)
            elif _opens_straight(text, index):
                stack.append(_Open(ch, index))
        elif ch in PAIRS:
            stack.append(_Open(ch, index))
        elif ch in CLOSERS:
            opener = CLOSERS[ch]
            depth = _find_open(stack, opener)
            if depth is None:
                result.unbalanced.append(UnbalancedMark(index, ch, opening=False))
            else:
                while len(stack) - 1 > depth:
                    dangling = stack.pop()
                    result.unbalanced.append(UnbalancedMark(dangling.offset, dangling.mark, True))
                _close(text, stack, index, result)
        index += 1
    for dangling in stack if result.cut_at is None else ():  # past the cut they may well be closed
        result.unbalanced.append(UnbalancedMark(dangling.offset, dangling.mark, opening=True))
    result.quotes.sort(key=lambda quote: quote.start)
    result.quotes = _with_attribution_and_role(text, result.quotes)
    result.unbalanced.sort(key=lambda mark: mark.offset)
    return result


def _opens_straight(text: str, index: int) -> bool:
    """A straight quote opens when text follows it (not at the end of a line)."""
    return index + 1 < len(text) and not text[index + 1].isspace()


def _find_open(stack: list[_Open], mark: str) -> int | None:
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].mark == mark:
            return depth
    return None


def _continue_or_break(text: str, index: int, stack: list[_Open], result: Extraction) -> int:
    """At a line break inside a quotation: continue it if the next paragraph reopens it."""
    match = PARAGRAPH_BREAK.match(text, index)
    after = match.end() if match else index + 1
    probe = after
    while probe < len(text) and text[probe] in " \t\u3000\n\r":
        probe += 1
    outer = stack[0]
    if _wrapped(text, index, after, stack[-1]):
        return after  # a hard-wrapped line (Markdown, PDF text): the quotation goes on
    if probe < len(text) and text[probe] == outer.mark and outer.mark not in SYMMETRIC:
        # Multi-paragraph quotation: only the outer quote continues; inner ones must be closed.
        while len(stack) > 1:
            dangling = stack.pop()
            result.unbalanced.append(UnbalancedMark(dangling.offset, dangling.mark, True))
        return probe + 1
    while stack:
        dangling = stack.pop()
        result.unbalanced.append(UnbalancedMark(dangling.offset, dangling.mark, True))
    return after


# How far a quotation may run past a line break: lines and characters.
WRAP_MAX_LINES = 3
WRAP_MAX_CHARS = 300
_SENTENCE_END = "。！？!?；;…"


def _wrapped(text: str, line_end: int, next_line: int, innermost: _Open) -> bool:
    """A line break inside a quotation is a wrap, not the quotation's end, when the quotation closes soon
    after it: within ``WRAP_MAX_LINES`` lines (the next one when the line ended a sentence), before a blank
    line, and before any other quotation of that kind opens. A paragraph that reopens the quotation is a
    multi-paragraph quotation instead (handled by the caller)."""
    if innermost.mark in SYMMETRIC or next_line >= len(text) or text[next_line] in "\r\n":
        return False
    closing = PAIRS[innermost.mark]
    lines = 1 if text[line_end - 1:line_end] in _SENTENCE_END else WRAP_MAX_LINES
    stretch = text[next_line:next_line + WRAP_MAX_CHARS]
    close = stretch.find(closing)
    if close < 0 or stretch[:1] == innermost.mark:
        return False
    before_close = stretch[:close]
    if innermost.mark in before_close or "\n\n" in before_close.replace("\r", "") \
            or before_close.count("\n") >= lines:
        return False
    return True


def _close(text: str, stack: list[_Open], index: int, result: Extraction) -> None:
    opened = stack.pop()
    start, end = opened.offset + 1, index
    if stack:
        stack[-1].nested.append((start, end))
        return
    content = text[start:end]
    result.quotes.append(
        Quote(
            start=start,
            end=end,
            text=content,
            open_mark=opened.mark,
            parts=_split_parts(content, start),
            attribution=Attribution(),
            nested=tuple(opened.nested),
        )
    )


def _with_attribution_and_role(text: str, quotes: list[Quote]) -> list[Quote]:
    """Cues are read once every quotation is known: a run of quotations shares one, and a pronoun looks
    back past the quotations before it."""
    attributions = attribute_run(text, [(quote.start - 1, quote.end) for quote in quotes])
    quoted = []
    for quote, attribution in zip(quotes, attributions):
        role, firm = classify(text, quote.start, quote.end, attribution)
        quoted.append(replace(quote, attribution=attribution, role=role, role_firm=firm))
    return quoted


def _split_parts(content: str, base: int) -> tuple[tuple[int, int], ...]:
    """Spans of the quotation separated by ellipses; empty parts are dropped."""
    parts = []
    cursor = 0
    for match in ELLIPSIS.finditer(content):
        if normalize_text(content[cursor:match.start()]):
            parts.append((base + cursor, base + match.start()))
        cursor = match.end()
    if normalize_text(content[cursor:]):
        parts.append((base + cursor, base + len(content)))
    return tuple(parts)
