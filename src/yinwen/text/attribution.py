"""Who a draft says is speaking: the cue before a quotation (习近平总书记强调：, 《论语》云 …).

Names, honorifics and titles resolve through data/aliases.toml, so 总书记, 习近平同志 and 习主席 all
name 习近平, and 二十大报告 names the report. Classical cues (古人云, 古语有云) name no one but say
the words are old.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yinwen.resources import load_toml

# How far back from the opening mark a cue may start, and what ends the search.
CUE_WINDOW = 60
CUE_STOPS = "。！？!?；;\n\r”」』"
SPEECH_VERBS = (
    "深刻指出|明确指出|反复强调|深刻阐明|明确要求|郑重宣示|强调指出|指出|强调|要求|提出|告诫|"
    "寄语|阐明|阐述|写道|说过|曾说|所说|所言|所讲|所指出的|讲过|讲到|谈到|提到|说|讲|言|云|曰|"
    "有云|有言|认为|表示|宣布|号召|勉励|希望|道"
)
VERB_AT_END = re.compile(rf"(?:{SPEECH_VERBS})(?:的那样|那样|过|道)?[，,：:\s]*$")
TITLE = re.compile(r"《([^《》]{1,40})》")


@dataclass(frozen=True)
class Attribution:
    """The cue before a quotation and what it names; all empty when the quote stands alone."""

    cue: str = ""
    speaker: str | None = None
    title: str | None = None
    work_id: str | None = None
    classical: bool = False

    @property
    def attributed(self) -> bool:
        """True when the draft names a known speaker, a work, or says the words are classical."""
        return bool(self.speaker or self.title or self.work_id or self.classical)

    def to_json(self) -> dict[str, str | None]:
        return {"cue": self.cue, "speaker": self.speaker, "title": self.title}


@dataclass(frozen=True)
class AliasTable:
    speakers: tuple[tuple[str, str], ...]  # (alias, canonical), longest alias first
    works: tuple[tuple[str, str, str, str | None], ...]  # (alias, work id, canonical title, speaker)
    classical: tuple[str, ...]


@cache
def alias_table() -> AliasTable:
    data = load_toml("aliases.toml")
    speakers = []
    for canonical, aliases in data.get("speakers", {}).items():
        for alias in {canonical, *aliases}:
            speakers.append((alias, canonical))
    works = []
    for work in data.get("works", []):
        for alias in work["names"]:
            works.append((alias, work["id"], work["title"], work.get("speaker")))
    return AliasTable(
        speakers=tuple(sorted(speakers, key=lambda pair: -len(pair[0]))),
        works=tuple(sorted(works, key=lambda item: -len(item[0]))),
        classical=tuple(sorted(data.get("classical", {}).get("cues", []), key=len, reverse=True)),
    )


def find_attribution(text: str, open_offset: int) -> Attribution:
    """The cue directly before the quotation mark at ``open_offset``, resolved through aliases."""
    window_start = max(0, open_offset - CUE_WINDOW)
    window = text[window_start:open_offset]
    for stop in CUE_STOPS:
        cut = window.rfind(stop)
        if cut >= 0:
            window = window[cut + 1:]
    window = window.lstrip()
    if not window:
        return Attribution()
    table = alias_table()
    classical = next((cue for cue in table.classical if window.rstrip("：:，, ").endswith(cue)), None)
    verb = VERB_AT_END.search(window)
    if not verb and not classical:
        return Attribution()
    speaker = _last_named(window, table.speakers)
    work = _last_work(window, table.works)
    titles = TITLE.findall(window)
    title = titles[-1] if titles else None
    work_id = None
    if work:
        work_id, title = work[1], title or work[2]
        speaker = speaker or work[3]
    return Attribution(
        cue=window.strip(),
        speaker=speaker,
        title=title,
        work_id=work_id,
        classical=bool(classical) and not speaker,
    )


def _last_named(window: str, speakers: tuple[tuple[str, str], ...]) -> str | None:
    """The canonical speaker whose alias occurs last in the cue (the one doing the speaking)."""
    best: tuple[int, str] | None = None
    for alias, canonical in speakers:
        position = window.rfind(alias)
        if position >= 0 and (best is None or position > best[0]):
            best = (position, canonical)
    return best[1] if best else None


def _last_work(window: str, works: tuple[tuple[str, str, str, str | None], ...]):
    best = None
    for item in works:
        position = window.rfind(item[0])
        if position >= 0 and (best is None or position > best[0]):
            best = (position, *item)
    return best[1:] if best else None


def resolve_speaker(name: str) -> str:
    """Canonical speaker for a name in the corpus or a config (unknown names map to themselves)."""
    for alias, canonical in alias_table().speakers:
        if alias == name:
            return canonical
    return name
