"""The records every stage shares: spans, source citations, edits and diagnostics."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

# What an input problem is, decided here once: something the user gave that could not be checked — a
# crash (YW000), a file that cannot be decoded or read (YW001), binary data under a document's name
# (YW002), a file over the size limit or a quotation over the matching limit (YW003). They are reported
# whatever --select says (only --ignore, per-file-ignores or severity "off" name them away), they are
# never recorded in a baseline, and a file that could not be checked at all fails the run (exit 2).
INPUT_PROBLEMS = frozenset({"YW000", "YW001", "YW002", "YW003"})


class Severity(enum.IntEnum):
    """Ordered so that ``--fail-on`` can compare levels."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            from yinwen.messages import msg

            raise ValueError(msg("value-not-severity", got=repr(value))) from None


@dataclass(frozen=True)
class Location:
    """Where a stretch of extracted text stands in a Word or PDF file, so a writer can find it there.

    ``kind`` is body, table, header, footer, footnote, endnote, textbox or page; the numbers are 1-based
    (0 when they do not apply). ``start`` is the code-point offset in the extracted text where it begins.
    """

    start: int
    kind: str
    number: int = 0  # paragraph (body), table, note or page number
    row: int = 0
    column: int = 0

    def label(self, lang: str = "zh") -> str:
        if lang == "en":
            if self.kind == "table":
                return f"table {self.number}, row {self.row}, column {self.column}"
            kind = "paragraph" if self.kind == "body" else self.kind
            return f"{kind} {self.number}" if self.number else kind
        if self.kind == "table":
            return f"表格{self.number} 第{self.row}行第{self.column}列"
        names = {"body": "正文第{}段", "page": "第{}页", "footnote": "脚注{}", "endnote": "尾注{}",
                 "header": "页眉", "footer": "页脚", "textbox": "文本框"}
        template = names.get(self.kind, self.kind)
        return template.format(self.number) if "{}" in template else template

    def to_json(self) -> dict[str, str | int]:
        record: dict[str, str | int] = {"kind": self.kind, "label": self.label()}
        if self.number:
            record["number"] = self.number
        if self.kind == "table":
            record["row"], record["column"] = self.row, self.column
        return record


@dataclass(frozen=True)
class Span:
    """Half-open code-point span in the decoded document, with 1-based line/column of both ends."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    location: Location | None = None  # paragraph / table cell / page, for .docx and .pdf input

    def to_json(self) -> dict:
        record: dict = {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }
        if self.location is not None:
            record["location"] = self.location.to_json()
        return record


# An "occasion" that names the publication holding the text: 《毛泽东选集》第四卷, 《求是》文章, 《求是》2021年第21期.
PUBLICATION = re.compile(r"^《[^》]+》\s*(?:第|文章|杂志|\d)")


def _without_asides(text: str) -> str:
    """``text`` without bracketed asides, nested ones too: 《毛泽东选集》第三卷（抗日战争时期（下）） →
    《毛泽东选集》第三卷. An unclosed bracket is kept as written."""
    kept: list[str] = []
    held: list[str] = []  # characters inside the brackets opened so far, in case one is never closed
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        if depth:
            held.append(ch)
        else:
            kept.append(ch)
        if ch in "）)" and depth:
            depth -= 1
            if not depth:
                held.clear()
    return ("".join(kept) + "".join(held)).strip()


def occasion_note(title: str, occasion: str | None) -> str:
    """The occasion to print beside the date: none when the title already says it (在庆祝…大会上的讲话),
    or when the "occasion" is really the publication that holds the text (see ``published_in``)."""
    if not occasion or PUBLICATION.match(occasion):
        return ""
    core = _without_asides(occasion) or occasion
    bare = core.removeprefix("在").removesuffix("的讲话").removesuffix("上").removesuffix("时")
    return "" if core in title or bare in title else occasion


def published_in(occasion: str | None, publisher: str | None) -> str:
    """Where the text was published, for the citation's tail: the publisher, else an "occasion" that names a
    publication (《毛泽东选集》第四卷, 《求是》文章), without its asides."""
    if publisher:
        return publisher
    return _without_asides(occasion) if occasion and PUBLICATION.match(occasion) else ""


@dataclass(frozen=True)
class SourceRef:
    """Where a quoted passage stands in the corpus, and its exact wording there.

    ``date`` and ``occasion`` are those of the passage: an excerpt in a compilation has its own.
    ``also_in`` lists other sources that hold the same words (secondary to this one, originals first).
    """

    id: str
    title: str
    speaker: str | None
    date: str | None
    locator: str
    text: str
    kind: str = ""
    publisher: str | None = None
    occasion: str | None = None
    also_in: tuple[SourceRef, ...] = ()

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "speaker": self.speaker,
            "date": self.date,
            "occasion": self.occasion,
            "locator": self.locator,
            "text": self.text,
            "also_in": [other.brief_json() for other in self.also_in],
        }

    def brief_json(self) -> dict[str, str | None]:
        """Metadata without the wording (an ``also_in`` entry holds the same words)."""
        return {"id": self.id, "title": self.title, "speaker": self.speaker, "date": self.date,
                "occasion": self.occasion, "locator": self.locator}

    def citation(self) -> str:
        """Customary citation: speaker《title》, date, occasion (when the title does not say it), where it
        was published, locator."""
        parts = []
        head = f"{self.speaker or ''}《{self.title}》" if self.title else (self.speaker or self.id)
        parts.append(head)
        if self.date:
            parts.append(self.date)
        for extra in (occasion_note(self.title, self.occasion), published_in(self.occasion, self.publisher)):
            if extra:
                parts.append(extra)
        if self.locator:
            parts.append(self.locator)
        return "，".join(parts)


@dataclass(frozen=True)
class Edit:
    """One difference between quote and source: replace, insert (only in quote) or omit (only in source)."""

    op: str
    quote: str
    source: str
    quote_start: int = 0
    quote_end: int = 0

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "quote": self.quote, "source": self.source}


@dataclass(frozen=True)
class Diagnostic:
    """A finding: stable code, severity, where it is, what to say, and what the source says."""

    code: str
    rule: str
    severity: Severity
    message: str
    span: Span | None
    message_en: str = ""
    source: SourceRef | None = None
    edits: tuple[Edit, ...] = ()
    fix: str | None = None
    quote: str | None = None
    related: tuple[tuple[str, Span | None, SourceRef | None], ...] = ()
    details: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message

    @property
    def fails_run(self) -> bool:
        """A crash, or a file that could not be checked at all (an input problem without a span): exit 2.
        A quotation too long to match (YW003 on its span) is an error-level finding in a checked file."""
        return self.code == "YW000" or (self.code in INPUT_PROBLEMS and self.span is None)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start if self.span else -1, self.span.end if self.span else -1, self.code)
