"""Inline suppressions: a reviewer's ``yinwen: ignore[YW101]`` or Markdown comment beside the finding.

Markdown (an HTML comment renders as nothing):
    <!-- yinwen-disable-next-line YW101 -->   the next line
    <!-- yinwen-disable-line YW101 -->        this line
    <!-- yinwen-disable YW105 --> … <!-- yinwen-enable YW105 -->   a block
Any text file:
    … yinwen: ignore[YW101]                  this line (codes optional: all rules)
    yinwen: ignore[YW101]                    alone on a line: the next line

Codes may be rule codes, kebab names or code prefixes (YW1), separated by commas or spaces. A code
that names no rule silences nothing and is reported (YW006), so a typo cannot pass for a review.
Internal errors (YW000) are never suppressed: a crash must stay visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yinwen.diagnostics import Diagnostic
from yinwen.messages import both
from yinwen.text.document import Document

ALL = "*"
NEVER_SUPPRESSED = frozenset({"YW000"})

COMMENT = re.compile(r"<!--\s*yinwen-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->")
IGNORE = re.compile(r"yinwen:\s*ignore(?:\[([^\]]*)\])?")
# What may stand beside a marker on a line of its own: whitespace and comment leaders.
BARE_LINE = re.compile(r"^[\s#/;%*<!\-–—>]*$")


@dataclass(frozen=True)
class Suppressions:
    """For each 1-based line, the codes suppressed on it (``*`` = all); and the names that are no rule."""

    lines: dict[int, frozenset[str]]
    unknown: tuple[tuple[int, int, str], ...] = field(default=())  # (start, end, name) in the document

    def covers(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.span is None or diagnostic.code in NEVER_SUPPRESSED:
            return False
        for line in range(diagnostic.span.line, diagnostic.span.end_line + 1):
            codes = self.lines.get(line)
            if codes and (ALL in codes or diagnostic.code in codes or diagnostic.rule in codes):
                return True
        return False


def parse_codes(raw: str | None, unknown: list[str] | None = None) -> frozenset[str]:
    """``YW101, misquote, YW2`` → {"YW101", "YW201", …}; empty → all rules. Names that are no rule are
    added to ``unknown`` (and silence nothing)."""
    from yinwen.config.files import resolve_codes

    if raw is None or not raw.strip():
        return frozenset({ALL})
    codes: set[str] = set()
    for token in re.split(r"[\s,，]+", raw.strip()):
        if not token:
            continue
        try:
            codes |= resolve_codes([token])
        except ValueError:
            if unknown is not None:
                unknown.append(token)
    return frozenset(codes)


def find_suppressions(document: Document) -> Suppressions:
    """Scan the document once for markers; cheap when there are none."""
    text = document.text
    if "yinwen" not in text:
        return Suppressions({})
    lines: dict[int, set[str]] = {}
    unknown: list[tuple[int, int, str]] = []

    def codes_of(found: re.Match, group: int) -> frozenset[str]:
        names: list[str] = []
        codes = parse_codes(found.group(group), names)
        for name in names:  # where the name stands inside the marker
            at = text.find(name, found.start(group), found.end(group))
            unknown.append((at, at + len(name), name))
        return codes
    line_count = len(document.line_starts)

    def add(line: int, codes: frozenset[str]) -> None:
        if 1 <= line <= line_count:
            lines.setdefault(line, set()).update(codes)

    open_blocks: dict[str, int] = {}
    for found in COMMENT.finditer(text):
        kind, codes = found.group(1), codes_of(found, 2)
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
        codes = codes_of(found, 1) if found.group(1) is not None else parse_codes(None)
        add(line, codes)
        if _alone_on_line(document, line, found.start(), found.end()):
            add(line + 1, codes)
    return Suppressions({line: frozenset(codes) for line, codes in lines.items()}, tuple(unknown))


def _alone_on_line(document: Document, line: int, start: int, end: int) -> bool:
    starts = document.line_starts
    line_start = starts[line - 1]
    line_end = starts[line] if line < len(starts) else len(document.text)
    rest = document.text[line_start:start] + document.text[end:line_end]
    return bool(BARE_LINE.match(rest))


def apply_inline(diagnostics: list[Diagnostic], document: Document, report_unknown: bool = True) -> list[Diagnostic]:
    """The diagnostics no inline marker suppresses, and (``report_unknown``) a YW006 for every name in a
    marker that is no rule."""
    suppressions = find_suppressions(document)
    if report_unknown and suppressions.unknown:
        diagnostics = sorted([*diagnostics, *(_unknown_name(document, *where) for where in suppressions.unknown)],
                             key=Diagnostic.sort_key)
    if not suppressions.lines:
        return diagnostics
    return [d for d in diagnostics if not suppressions.covers(d)]


def _unknown_name(document: Document, start: int, end: int, name: str) -> Diagnostic:
    from yinwen.rules.suppression import UnknownSuppression

    message, message_en = both("suppression-unknown-code", name=name)
    return UnknownSuppression().diagnostic(message=message, message_en=message_en, span=document.span(start, end),
                                           details={"name": name})
