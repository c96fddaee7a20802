"""``yinwen cite``: the 注释 a writer adds for each verified quotation, in the customary Chinese form.

The form follows the usage of official publications: 习近平：《在…上的讲话》（2023年4月3日），
人民出版社，第10段 — speaker, full-width colon, title in book-title marks, the date in 年月日 (and the
occasion, when the title does not say it) in parentheses, then publisher and locator when known. A
passage of a compilation is cited with its own date and occasion: 习近平：《坚定理想信念 补足精神之钙》
（2012年11月17日，在十八届中央政治局第一次集体学习时的讲话），《求是》2021年第21期，第4段.
Classical sources read 〔战国〕孟子：《孟子·告子下》.
Only verified quotations are cited: a misquote must be corrected before it is cited.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from yinwen.diagnostics import Location, SourceRef, occasion_note, published_in
from yinwen.engine import Report

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class Citation:
    """One verified quotation and where it comes from."""

    path: str
    line: int
    column: int
    quote: str
    source: SourceRef
    text: str  # the formatted citation
    location: Location | None = None  # paragraph / table cell / page in a .docx or .pdf

    def to_json(self) -> dict:
        record = {"path": self.path, "line": self.line, "column": self.column, "quote": self.quote,
                  "citation": self.text, "source": {**self.source.to_json(), "publisher": self.source.publisher}}
        if self.location is not None:
            record["location"] = self.location.to_json()
        return record


def chinese_date(date: str | None) -> str:
    """2022-10-16 → 2022年10月16日; anything else is kept as written."""
    if not date:
        return ""
    found = ISO_DATE.match(date.strip())
    if not found:
        return date.strip()
    year, month, day = found.groups()
    return year + "年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")


def citation_text(source: SourceRef, book: str | None = None, dynasty: str | None = None) -> str:
    """speaker：《title》（date，occasion），publisher，locator — leaving out what the corpus does not know
    (and the occasion when the title already says it: 《在庆祝…大会上的讲话》)."""
    title = source.title or source.id
    if book and book not in title:
        title = book if book.endswith(title) else f"{book}·{title}"  # 楚辞·离骚 + 离骚 → 楚辞·离骚
    head = f"《{title}》"
    if source.speaker:
        speaker = f"〔{dynasty}〕{source.speaker}" if dynasty else source.speaker
        head = f"{speaker}：{head}"
    when = "，".join(part for part in (chinese_date(source.date), occasion_note(title, source.occasion)) if part)
    if when:
        head += f"（{when}）"
    tail = [part for part in (published_in(source.occasion, source.publisher), source.locator) if part]
    return "，".join([head, *tail])


def citations(report: Report, corpus=None) -> list[Citation]:
    """A citation for every verified quotation in the report, in document order."""
    found = []
    for file in report.files:
        if file.document is None:
            continue
        for match, source in zip(file.matches, file.sources):
            if match.verdict != "verified" or source is None:
                continue
            line, column = file.document.position(match.quote.start)
            found.append(Citation(file.path, line, column, match.quote.text, source,
                                  quote_citation(match, source, corpus), file.document.location(match.quote.start)))
    return found


def quote_citation(match, source: SourceRef, corpus=None) -> str:
    """The citation of the source a quotation was matched to, with its book and dynasty when the corpus has them."""
    origin = _origin(match, corpus)
    book = origin.book if origin is not None else None
    dynasty = origin.dynasty if origin is not None else None
    return citation_text(source, book, dynasty)


def _origin(match, corpus):
    """The corpus Source a match was found in (for book and dynasty); parsed lazily, one per quotation."""
    part = match.primary
    if corpus is None or part is None or part.candidate is None:
        return None
    return corpus.sources[part.candidate.source]


def render_text(found: list[Citation]) -> str:
    lines = []
    for number, citation in enumerate(found, start=1):
        where = f" [{citation.location.label()}]" if citation.location else ""
        lines.append(f"[{number}] {citation.path}:{citation.line}:{citation.column}{where}  “{citation.quote}”")
        lines.append(f"    {citation.text}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_json(found: list[Citation]) -> str:
    return json.dumps({"citations": [c.to_json() for c in found]}, ensure_ascii=False, indent=2) + "\n"
