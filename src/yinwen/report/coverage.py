"""``yinwen corpus coverage``: the attributed quotations a set of drafts makes that the corpus has no source for,
grouped by the speaker and the occasion the drafts name — the list an editor takes to the library.

A quotation counts when the draft offers it as someone's or some work's words (role ``quotation`` with an
attribution, not a private person's) and the checker found no passage for it (verdict ``unverified``). Its
group is the speaker the cue names (one the speaker table knows, or a person named as written) and the
occasion or work it names (``text.occasion``, else the attribution's own), with the date when the cue gives
one; groups with the most quotations come first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from yinwen.engine import Report
from yinwen.match.records import UNVERIFIED
from yinwen.report.cite import chinese_date
from yinwen.text.occasion import named_occasion
from yinwen.text.roles import QUOTATION


@dataclass(frozen=True)
class Missing:
    path: str
    line: int
    column: int
    text: str
    cue: str


@dataclass
class Group:
    speaker: str | None
    occasion: str | None
    date: str | None
    quotes: list[Missing] = field(default_factory=list)

    @property
    def drafts(self) -> int:
        return len({quote.path for quote in self.quotes})


@dataclass
class Coverage:
    drafts: int
    attributed: int
    groups: list[Group]

    @property
    def missing(self) -> int:
        return sum(len(group.quotes) for group in self.groups)


def coverage(report: Report) -> Coverage:
    """Attributed quotations without a source, grouped by (speaker, occasion, date)."""
    groups: dict[tuple[str, str, str], Group] = {}
    attributed = 0
    for file in report.files:
        if file.document is None:
            continue
        for match in file.matches:
            attribution = match.quote.attribution
            if not attribution.attributed or match.quote.role != QUOTATION or attribution.private:
                continue
            attributed += 1
            if match.verdict != UNVERIFIED:
                continue
            named = named_occasion(attribution.cue)
            occasion = named.occasion or attribution.occasion
            date = named.date or (str(attribution.year) if attribution.year else None)
            speaker = attribution.who or (None if occasion else attribution.title)
            key = (speaker or "", occasion or "", date or "")
            group = groups.setdefault(key, Group(speaker, occasion, date))
            line, column = file.document.position(match.quote.start)
            group.quotes.append(Missing(file.path, line, column, match.quote.text, attribution.cue))
    ordered = sorted(groups.values(), key=lambda g: (-len(g.quotes), g.speaker or "\uffff", g.occasion or "\uffff",
                                                      g.date or ""))
    return Coverage(sum(1 for f in report.files if f.document is not None), attributed, ordered)


def _heading(group: Group, en: bool) -> str:
    who = group.speaker or ("(no speaker named)" if en else "（未指明讲话人）")
    where = group.occasion or ("(no occasion named)" if en else "（未指明场合）")
    when = f"（{group.date if en else chinese_date(group.date)}）" if group.date else ""
    count = (f"{len(group.quotes)} quotation(s) in {group.drafts} draft(s)" if en
             else f"引文 {len(group.quotes)} 处，见于 {group.drafts} 篇稿件")
    return f"{who} · {where}{when} — {count}"


def render_coverage_text(found: Coverage, lang: str = "zh") -> str:
    en = lang == "en"
    lines = []
    for group in found.groups:
        lines.append(_heading(group, en))
        for quote in group.quotes:
            lines.append(f"  {quote.path}:{quote.line}:{quote.column}  “{quote.text}”")
    lines.append(f"{found.drafts} draft(s), {found.attributed} attributed quotation(s), {found.missing} without a source in the corpus"
                 if en else f"共 {found.drafts} 篇稿件，标明出处的引文 {found.attributed} 处，其中 {found.missing} 处在语料中找不到原文")
    return "\n".join(lines) + "\n"


def render_coverage_json(found: Coverage) -> str:
    record = {
        "version": 1,
        "groups": [{"speaker": group.speaker, "occasion": group.occasion, "date": group.date,
                    "count": len(group.quotes), "drafts": group.drafts,
                    "quotes": [{"path": q.path, "line": q.line, "column": q.column, "text": q.text, "cue": q.cue}
                               for q in group.quotes]} for group in found.groups],
        "summary": {"drafts": found.drafts, "attributed": found.attributed, "without_source": found.missing},
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
