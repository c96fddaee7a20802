"""Inline suppressions: a reviewer's ``yinwen: ignore[YW101]`` or Markdown comment beside the finding.

Markdown (an HTML comment renders as nothing):
    <!-- yinwen-disable-next-line YW101 -->   the next line
    <!-- yinwen-disable-line YW101 -->        this line
    <!-- yinwen-disable YW105 --> … <!-- yinwen-enable YW105 -->   a block
Any text file:
    … yinwen: ignore[YW101]                  this line (codes optional: all rules)
    yinwen: ignore[YW101]                    alone on a line: the next line

Codes may be rule codes or kebab names, separated by commas or spaces. Internal errors (YW000) are
never suppressed: a crash must stay visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yinwen.diagnostics import Diagnostic
from yinwen.text.document import Document

ALL = "*"
NEVER_SUPPRESSED = frozenset({"YW000"})

COMMENT = re.compile(r"<!--\s*yinwen-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->")
IGNORE = re.compile(r"yinwen:\s*ignore(?:\[([^\]]*)\])?")
# What may stand beside a marker on a line of its own: whitespace and comment leaders.
BARE_LINE = re.compile(r"^[\s#/;%*<!\-–—>]*$")


@dataclass(frozen=True)
class Suppressions:
    """For each 1-based line, the codes suppressed on it (``*`` = all)."""

    lines: dict[int, frozenset[str]]

    def covers(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.span is None or diagnostic.code in NEVER_SUPPRESSED:
            return False
        for line in range(diagnostic.span.line, diagnostic.span.end_line + 1):
            codes = self.lines.get(line)
            if codes and (ALL in codes or diagnostic.code in codes or diagnostic.rule in codes):
                return True
        return False


def parse_codes(raw: str | None) -> frozenset[str]:
    """``YW101, misquote`` → {"YW101", "YW101"…}; empty → all rules."""
    from yinwen.rules import resolve_rule

    if raw is None or not raw.strip():
        return frozenset({ALL})
    codes = set()
    for token in re.split(r"[\s,，]+", raw.strip()):
        if not token:
            continue
        rule = resolve_rule(token)
        codes.add(rule.code if rule else token.upper())
    return frozenset(codes)


def find_suppressions(document: Document) -> Suppressions:
    """Scan the document once for markers; cheap when there are none."""
    text = document.text
    if "yinwen" not in text:
        return Suppressions({})
    lines: dict[int, set[str]] = {}
    line_count = len(document.line_starts)

    def add(line: int, codes: frozenset[str]) -> None:
        if 1 <= line <= line_count:
            lines.setdefault(line, set()).update(codes)

    open_blocks: dict[str, int] = {}
    for found in COMMENT.finditer(text):
        kind, codes = found.group(1), parse_codes(found.group(2))
        line, _ = document.position(found.start())
        if kind == "disable-next-line":
            add(line + 1, codes)
        elif kind == "disable-line":
            add(line, codes)
        elif kind == "disable":
            for code in codes:
                open_blocks.setdefault(code, line)
        else:
            for code in codes if ALL not in codes else list(open_blocks):
                start = open_blocks.pop(code, None)
                if start is not None:
                    for covered in range(start, line + 1):
                        add(covered, frozenset({code}))
    for code, start in open_blocks.items():
        for covered in range(start, line_count + 1):
            add(covered, frozenset({code}))
    for found in IGNORE.finditer(text):
        line, _ = document.position(found.start())
        add(line, parse_codes(found.group(1)))
        if _alone_on_line(document, line, found.start(), found.end()):
            add(line + 1, parse_codes(found.group(1)))
    return Suppressions({line: frozenset(codes) for line, codes in lines.items()})


def _alone_on_line(document: Document, line: int, start: int, end: int) -> bool:
    starts = document.line_starts
    line_start = starts[line - 1]
    line_end = starts[line] if line < len(starts) else len(document.text)
    rest = document.text[line_start:start] + document.text[end:line_end]
    return bool(BARE_LINE.match(rest))


def apply_inline(diagnostics: list[Diagnostic], document: Document) -> list[Diagnostic]:
    """The diagnostics no inline marker suppresses."""
    suppressions = find_suppressions(document)
    if not suppressions.lines:
        return diagnostics
    return [d for d in diagnostics if not suppressions.covers(d)]
