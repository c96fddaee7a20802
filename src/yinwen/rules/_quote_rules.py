"""Helpers shared by the quotation rules: spans, source citations and per-verdict selection."""

from __future__ import annotations

from collections.abc import Iterator

from yinwen.diagnostics import Span
from yinwen.match.records import Match
from yinwen.rules import Context
from yinwen.text.roles import QUOTATION


def quote_span(ctx: Context, match: Match) -> Span:
    return ctx.document.span(match.quote.start, match.quote.end)


def matches_with(ctx: Context, verdict: str) -> Iterator[Match]:
    """The quotations with this verdict (titles, terms, private speech and emphasis are never reported)."""
    return (match for match in ctx.matches if match.verdict == verdict and match.quote.role == QUOTATION)


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
