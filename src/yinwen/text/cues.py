"""Attribution that the cue before a quotation does not give alone.

- a run of quotations shares one cue: 习近平同志还曾以“A”“B”“C”等 …;
- a pronoun names the last person mentioned: 他又说：“…” after 总书记强调：“…”;
- the cue follows the quotation: “…”，习近平总书记说 / “…”——毛泽东 / “…”语出《孟子》;
- the quotation is the content of a named person's charge: 牢记总书记“…”的嘱托.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from yinwen.resources import load_word_list
from yinwen.text.attribution import (
    NOT_THE_PERSON,
    OFFICE_WORDS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TITLE,
    Attribution,
    holds_office,
    last_speaker,
    occasion_of,
    parse_subject,
    sentence_before,
)
from yinwen.text.script import simplified
from yinwen.text.speakers import canonical_work, speaker_table

# How far back a pronoun looks for the person it stands for.
PRONOUN_REACH = 400
# What may separate two quotations of one run (“A”“B”, “A”、“B”, “A”和“B”).
_RUN_GAP = re.compile(r"^[\s、，,和与及以及或]{0,3}$")
_AFTER_STOPS = "。！？!?；;\n\r“「"
_AFTER_LEAD = re.compile(r"^[\s，,、]*(?:这句话|这句|此句|此语|这段话|这一论断|这一名言|该句|这是|是|乃|为)?[\s，,]*")
_SOURCE_VERB = re.compile(r"^(?:语出|出自|引自|源自|见于|摘自|典出|取自)")
_DASH = re.compile(r"^(?:——|—|--|－－)\s*([^，,。；;（(]{1,16})")
_BRACKET = re.compile(r"^[（(]([^）)]{1,16})[）)]")
_NAMED_CHARGE = re.compile(r"^的[^，,。“”]{0,4}(?:嘱托|要求|论述|指示|号召|教导|论断|期望|期许|告诫|叮嘱|希望|讲话|名言|话语|"
                           r"金句|重要思想|箴言|教诲|勉励|寄语)")
_NAME_AT_END = re.compile(r"(?:的|所|提出的|强调的|指出的|说的)?$")
# An unknown person after the quote must look like one: a role (老党员, 李颖部长) or a surname and a name.
_PERSON_THEN_VERB = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(?:又|也|还|曾|就|都|再次|深情地|严肃地|笑着|激动地)?"
                               r"(?:说道|说|讲|指出|强调|表示|感言|感慨|写道|回忆|坦言|认为)")

# A person introduced in the narrative: 孩子, 学生, 村民 …, an office holder, or someone 叫/名叫 a name.
_PERSON_MENTION = re.compile("|".join([*SPEECH_NOUNS, *OFFICE_WORDS]) + r"|(?:名叫|叫做|叫)(?P<name>[\u4e00-\u9fff]{2,3})")
_VERB_IN_CLAUSE = re.compile(SPEECH_VERBS)
_SPEAKS = re.compile(rf"[^。！？!?；;\n]{{0,40}}?(?:{SPEECH_VERBS})")
# A speaker, then only adverbs and a word of means before the quotation: 习近平同志还曾以“…”.
_SPEAKER_THEN_MEANS = re.compile(r"(?:还|也|曾|曾经|多次|常|常常|经常|反复|又)*(?:以|用|引用|借用|化用|援引)$")
_VERB_SOON = re.compile(rf"^[^，,。]{{0,10}}?(?:{SPEECH_VERBS})")


def attribute_run(text: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """The attribution of each quotation, given (opening mark, closing mark) offsets in document order."""
    from yinwen.text.attribution import find_attribution

    text = _Simplified(text)  # type: ignore[assignment]  # read like a str, folded slice by slice
    found: list[Attribution] = []
    last_speaker_named: str | None = None
    for index, (opened, closed) in enumerate(spans):
        attribution = find_attribution(text, opened)
        if attribution.position == "pronoun":
            attribution = _resolve_pronoun(text, opened, attribution, last_speaker_named)
        if not attribution.attributed and index and _in_run(text, spans[index - 1][1], opened):
            previous = found[-1]
            if previous.attributed:
                attribution = replace(previous, position="shared")
        if not attribution.attributed:
            attribution = _named_charge(text, opened, closed) or attribution
        if not attribution.attributed:
            attribution = cue_after(text, opened, closed) or attribution
        found.append(attribution)
        last_speaker_named = attribution.speaker or last_speaker_named
    return _runs_around(text, spans, found)


def _runs_around(text: str, spans: list[tuple[int, int]], found: list[Attribution]) -> list[Attribution]:
    """习近平同志还曾以“A”“B”等古语告诫: a run of quotations with its speaker before it and the verb after."""
    index = 0
    while index < len(spans):
        last = index
        while last + 1 < len(spans) and _in_run(text, spans[last][1], spans[last + 1][0]):
            last += 1
        if not any(a.attributed for a in found[index:last + 1]):
            window = sentence_before(text, spans[index][0])
            after = text[spans[last][1] + 1:spans[last][1] + 16]
            speaker, _ = last_speaker(window, speaker_table())
            if speaker and _SPEAKER_THEN_MEANS.search(window) and _VERB_SOON.match(after):
                shared = Attribution(cue=window.strip() + "“…”" + after[:8], speaker=speaker, position="around")
                found[index:last + 1] = [shared] * (last + 1 - index)
        index = last + 1
    return found


def _in_run(text: str, previous_close: int, opened: int) -> bool:
    """The quotation at ``opened`` continues a run with the one closed at ``previous_close`` (“A”“B”), not
    a new sentence after one that ended inside its marks (孔子说：“…勿施于人。”“换位思考”是…)."""
    ended = previous_close > 0 and text[previous_close - 1] in "。！？!?"
    return not ended and 0 <= opened - previous_close - 1 <= 3 and bool(_RUN_GAP.match(text[previous_close + 1:opened]))


def _resolve_pronoun(text: str, opened: int, attribution: Attribution, earlier: str | None) -> Attribution:
    """他/她 names the last person the text has speaking before this sentence — a known speaker or not
    (王老师常对学生说 before 他说 is 王老师, not the leader quoted further back) — else the last quotation's
    speaker, else the last person named."""
    cue_start = opened - len(sentence_before(text, opened))
    context = text[max(0, cue_start - PRONOUN_REACH):cue_start]
    table = speaker_table()
    names = [item for item in table.names_in(context) if not NOT_THE_PERSON.match(context, item[1])]
    speaking = [(item[0], table.resolve(item[2]), None) for item in names
                if _SPEAKS.match(context, item[1]) and not context.startswith("的", item[1])]  # not 读毛主席的书，常讲
    speaking += _unknown_speakers(context)
    cue = text[cue_start:opened]
    before_pronoun = max(cue.rfind("他"), cue.rfind("她"))
    # Someone the cue sentence itself introduces before the pronoun counts too (团支书李婷婷作了分享，她说).
    mention = _last_person_mention(context + (cue[:before_pronoun] if before_pronoun > 0 else ""))
    if speaking:
        where, speaker, unknown = max(speaking, key=lambda found: found[0])
        if mention is not None and _later_sentence(context, where, mention[0]):
            # 习近平总书记指出：“…”班上有个孩子叫小宇。他在作文里写道 — 他 is the child.
            return _mentioned(attribution, mention[1])
        if unknown is not None:
            return replace(attribution, named=unknown.named, private=unknown.private, local=unknown.local,
                           position="pronoun")
    else:
        # A name that only owns something (读毛主席的书, 总书记的嘱托) is no antecedent when the
        # sentence has a person of its own (老支书张明同志最爱读毛主席的书。他说).
        owners = [item for item in names if context.startswith("的", item[1])]
        if mention is not None and names and names[-1] in owners and _same_sentence(context, mention[0], names[-1][0]):
            return _mentioned(attribution, mention[1])
        if mention is not None and (not names or _later_sentence(context, names[-1][0], mention[0])):
            return _mentioned(attribution, mention[1])
        speaker = earlier or (table.resolve(names[-1][2]) if names else None)
    if speaker is None:
        return replace(attribution, position="before")
    return replace(attribution, speaker=speaker, position="pronoun")


def _last_person_mention(context: str) -> tuple[int, str] | None:
    """(where, who) of the last person the text introduces without the speaker table knowing them: a
    child, a student, a villager, an office holder (团支书李婷婷), someone 叫/名叫 a name, or a name
    the narrative goes on about (黄文秀的事迹, 郑国强结合我市实际提出要求)."""
    found = [(match.start(), match.group("name") or match.group()) for match in _PERSON_MENTION.finditer(context)]
    table = speaker_table()
    found += [(match.start(), match.group("person")) for match in _named_in_narrative().finditer(context)
              if table.name_at(context, match.start()) is None]
    return max(found) if found else None


@lru_cache(maxsize=1)
def _named_in_narrative() -> re.Pattern:
    """A common surname and a given name, then what a narrative says of a person."""
    surnames = "".join(sorted(load_word_list("surnames.txt")))
    return re.compile(rf"(?P<person>[{surnames}][\u4e00-\u9fff]{{1,2}}?)(?=同志的|的事迹|的故事|的日记|在日记|结合|"
                      r"带领|告诉|讲述|介绍说|深有感触|动情地|激动地|笑着)")


def _same_sentence(context: str, first: int, second: int) -> bool:
    low, high = min(first, second), max(first, second)
    return not any(stop in context[low:high] for stop in "。！？!?；;\n")


def _mentioned(attribution: Attribution, who: str) -> Attribution:
    """The pronoun stands for a person the narrative introduced: an office holder, or a private person."""
    local = holds_office(who)
    return replace(attribution, named=who, private=not local, local=local, position="pronoun")


def _later_sentence(context: str, first: int, later: int) -> bool:
    """Whether ``later`` stands in a later sentence than ``first``: a sentence end lies between them, or
    ``later`` is past the context, in the cue's own sentence."""
    return later >= len(context) or later > first and any(stop in context[first:later] for stop in "。！？!?；;\n")


def _unknown_speakers(context: str) -> list[tuple[int, str | None, Attribution]]:
    """(where, None, attribution) for each person the speaker table does not know who speaks in ``context``
    (a subject before a speech verb, as a cue would read it)."""
    found = []
    start = 0
    for clause in re.split(r"(?<=[。！？!?；;\n])", context):
        verb = _VERB_IN_CLAUSE.search(clause)
        if verb:
            subject = parse_subject(clause[:verb.start()])
            if subject.named and not subject.speaker:
                found.append((start + verb.start(), None, subject))
        start += len(clause)
    return found


def _named_charge(text: str, opened: int, closed: int) -> Attribution | None:
    """牢记总书记“…”的嘱托: a named person just before the mark, and a charge or saying after it."""
    after = text[closed + 1:closed + 12]
    if not _NAMED_CHARGE.match(after):
        return None
    window = sentence_before(text, opened)
    table = speaker_table()
    speaker, _ = last_speaker(window, table)
    if speaker is None:
        return None
    last = table.names_in(window)[-1][1]
    if not _NAME_AT_END.fullmatch(window[last:].strip()):
        return None
    return Attribution(cue=window.strip() + "“…”" + after[:6], speaker=speaker, position="after",
                       **occasion_of(text, opened))


def cue_after(text: str, opened: int, closed: int) -> Attribution | None:
    """“…”，习近平总书记说 / “…”——毛泽东 / “…”（《论语》） / “…”语出《孟子》: the cue after the mark."""
    tail = text[closed + 1:closed + 41]
    cut = min((tail.find(stop) for stop in _AFTER_STOPS if stop in tail), default=len(tail))
    tail = tail[:cut]
    if tail.rstrip().endswith(("：", ":")):
        return None  # “…”。党的二十大指出：“…” — that cue introduces the next quotation
    lead = _AFTER_LEAD.match(tail)
    rest = tail[lead.end():] if lead else tail
    table = speaker_table()
    for pattern in (_DASH, _BRACKET):
        found = pattern.match(rest)
        if found:
            named = parse_subject(found.group(1), table)
            if named.attributed:
                return replace(named, cue=tail.strip(), position="after")
    if _SOURCE_VERB.match(rest):  # an allusion's origin: the words may be adapted from it
        named = parse_subject(re.split(r"[，,]", rest[2:])[0], table)
        titles = TITLE.findall(rest)
        if titles or named.attributed:
            return replace(named, title=named.title or (canonical_work(titles[0]) if titles else None), cue=tail.strip(),
                           position="after", loose=True)
        return None
    name = table.name_at(rest)
    if name and _VERB_SOON.match(rest[len(name):]):
        return Attribution(cue=tail.strip(), speaker=table.resolve(name), position="after",
                           **occasion_of(text, opened))
    person = _PERSON_THEN_VERB.match(rest)
    if person:
        named = parse_subject(person.group(1), table)
        if named.who:
            return replace(named, cue=tail.strip(), position="after")
    return None


class _Simplified:
    """A document read in simplified script one slice at a time: cues only ever look at a few hundred
    characters around each quotation, so a 20 MB draft is never folded whole."""

    def __init__(self, text: str) -> None:
        self._text = text

    def __len__(self) -> int:
        return len(self._text)

    def __getitem__(self, key: slice) -> str:
        return simplified(self._text[key])
