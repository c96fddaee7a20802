"""Hard limits that keep one pathological input from hanging a whole run.

Matching cost grows faster than linearly with a quotation's length (candidate windows and the
alignment both scale with it): a 10,000-character quotation takes about a second, a 1 MB one
minutes and gigabytes. Real quotations are short (the longest in the real drafts and evaluation
cases is under 150 characters), so a quotation over ``MAX_QUOTE_CHARS`` normalised characters
(punctuation and spaces do not count) is almost always an unclosed quotation mark that swallowed
the rest of the document. It is not matched; the writer is
told so (YW003 on the quotation's span, an error: a quotation not checked must not pass) and every
other quotation is still checked.
"""

from __future__ import annotations

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match.records import UNVERIFIED, Match
from yinwen.text.document import Document
from yinwen.text.normalize import normalize_text
from yinwen.text.quotes import MAX_MARKS, Quote

MAX_QUOTE_CHARS = 2000
TOO_LONG = "too-long"


def too_long(quote: Quote) -> bool:
    """Counted in normalised characters: a thousand nested quotation marks around a short quotation
    are punctuation, not length, and that quotation is still checked."""
    return checked_length(quote) > MAX_QUOTE_CHARS


def checked_length(quote: Quote) -> int:
    if quote.end - quote.start <= MAX_QUOTE_CHARS:
        return quote.end - quote.start  # an upper bound, and the common case costs nothing
    return len(normalize_text(quote.text))


def unchecked_match(quote: Quote) -> Match:
    """The verdict of a quotation that was not matched because of its length."""
    return Match(quote, UNVERIFIED, TOO_LONG, 0.0)


def too_long_diagnostic(document: Document, quote: Quote) -> Diagnostic:
    length = checked_length(quote)
    return Diagnostic(
        code="YW003",
        rule="too-large",
        severity=Severity.ERROR,  # not checked is not passed: fails like a misquote
        message=f"引文长 {length} 字，超过核对上限 {MAX_QUOTE_CHARS} 字，未核对（是否缺少后引号？）",
        message_en=f"quotation is {length} characters long, over the {MAX_QUOTE_CHARS}-character limit; "
                   "not checked (a missing closing mark?)",
        span=document.span(quote.start, quote.end),
        details={"reason": TOO_LONG, "length": str(length), "limit": str(MAX_QUOTE_CHARS)},
    )


def marks_cut_diagnostic(document: Document, offset: int) -> Diagnostic:
    """YW003 where the quotation marks past MAX_MARKS begin: the quotations from there on are not checked."""
    line, column = document.position(offset)
    return Diagnostic(
        code="YW003",
        rule="too-large",
        severity=Severity.WARNING,
        message=f"引号超过 {MAX_MARKS} 个：第 {line} 行第 {column} 列起的引文未核对",
        message_en=f"more than {MAX_MARKS} quotation marks: the quotations from line {line}, column {column} on are not checked",
        span=document.span(offset, offset + 1),
        details={"reason": "too-many-quotation-marks", "limit": str(MAX_MARKS)},
    )
