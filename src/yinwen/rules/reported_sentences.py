"""Sentences a draft reports from a named document without quotation marks (报告指出：…。).

Drafts often restate a document's words as their own sentence after 报告指出： or 报告中强调：. When the
sentence stands verbatim in the corpus, but not in the document the draft names (the 二十大报告) — only
in another, dated text (a 2014 speech) — the draft credits the words to the wrong document. It is not a
quotation, so YW103 reports it at info level. A bare 报告 means the document the draft last named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yinwen.corpus.search import exact_occurrences
from yinwen.rules import Context
from yinwen.text.normalize import normalize_text
from yinwen.text.speakers import speaker_table

_CUE = re.compile(r"(报告|决议|决定|公报|讲话)(?:中)?(?:明确)?(?:指出|强调|提出|要求|阐明|宣示)[：:]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
# A reported sentence this short is a common phrase; this far back, a named document is out of mind.
MIN_CHARS = 10
NAMED_REACH = 2000


@dataclass(frozen=True)
class ReportedSentence:
    start: int
    end: int
    text: str
    work_id: str
    work_title: str
    found_in: int  # the corpus source that holds it


def misreported(ctx: Context) -> Iterator[ReportedSentence]:
    """Unquoted sentences after a document's cue that the corpus holds, but not in that document."""
    text = ctx.document.text
    for cue in _CUE.finditer(text):
        start = cue.end()
        if start >= len(text) or text[start] in "“「『‘\"":
            continue  # a quotation: the matcher judges it
        end_mark = _SENTENCE_END.search(text, start)
        end = end_mark.start() if end_mark else len(text)
        normalized = normalize_text(text[start:end])
        work = _named_work(text, cue.start(), cue.group())
        if len(normalized) < MIN_CHARS or work is None:
            continue
        work_index = ctx.corpus.sources.index_of(work[0])
        positions = exact_occurrences(ctx.corpus, normalized, limit=200)
        if work_index is None or not positions:
            continue
        holders = [ctx.corpus.source_of_norm(position) for position in positions]
        if work_index not in holders:
            yield ReportedSentence(start, end, text[start:end], work[0], work[1], holders[0])


def _named_work(text: str, cue_start: int, cue: str) -> tuple[str, str] | None:
    """(work id, title) the cue names: a work alias just before it, or, for a bare 报告, the last one named."""
    works = speaker_table().works
    window = text[max(0, cue_start - NAMED_REACH):cue_start + len(cue)]
    best: tuple[int, str, str] | None = None
    for alias, work_id, title, _speaker in works:
        at = window.rfind(alias)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, work_id, title)
    if best is None:
        return None
    named_here = len(window) - best[0] <= len(cue) + 12
    if not named_here and not cue.startswith("报告"):
        return None  # only a bare 报告 refers back to a document named earlier
    return best[1], best[2]
