"""YW301 formulation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity, SourceRef
from yinwen.rules import Context, Rule
from yinwen.rules.formulation_table import NUMERALS, Formulation, load_formulations
from yinwen.text.normalize import Normalized, normalize

COUNTED = re.compile(rf"[{NUMERALS}]个")
OPENING, CLOSING = "“‘「『\"", "”’」』\""
# How far (normalised characters) before a list its name may stand and still announce the list.
NAME_REACH = 30


class MisstatedFormulation(Rule):
    """A fixed formulation (提法) misstated: wrong name, wrong count, or a wrong or missing member.

    Why: formulations such as “两个确立” and “四个意识” are fixed wording set out in the Party
    Constitution and the congress reports; a changed word in them is a political error in this genre.
    The table is data (data/formulations.toml, extend with --formulations FILE).
    Bad:  牢固树立“四个意识”：政治意识、大局意识、全局意识、看齐意识，深刻领悟“两个确定”的决定性意义。
    Good: 牢固树立政治意识、大局意识、核心意识、看齐意识，深刻领悟“两个确立”的决定性意义。
    """

    doc_zh = """固定提法表述有误：名称、数目不对，或成员有错、有遗漏。

    原因：“两个确立”“四个意识”等提法是党章和党代会报告中的固定表述，改动一个字在这种文体里就是政治性差错。
    提法表是数据（data/formulations.toml，可用 --formulations FILE 扩充）。
    """

    code = "YW301"
    name = "formulation"
    severity = Severity.WARNING
    summary = "提法有误"
    summary_en = "fixed formulation misstated"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        table = load_formulations(tuple(ctx.formulations))
        text = ctx.document.text
        normalized = normalize(text)
        yield from self._names(ctx, table)
        for formulation in table:
            yield from self._lists(ctx, formulation, normalized, table)

    def _diagnostic(self, ctx: Context, start: int, end: int, formulation: Formulation, message: str,
                    message_en: str, fix: str | None = None) -> Diagnostic:
        return self.diagnostic(
            message=message, message_en=message_en,
            span=ctx.document.span(start, end), quote=ctx.document.text[start:end], fix=fix,
            source=_source(formulation), details={"formulation": formulation.name},
        )

    def _names(self, ctx: Context, table: tuple[Formulation, ...]) -> Iterator[Diagnostic]:
        """“两个确定” for “两个确立” (quoted), “三个意识” for “四个意识” (a count that names no formulation)."""
        text = ctx.document.text
        known = {f.name for f in table}
        counted = [f for f in table if f.counted]
        # A tail shared by several counted names (九个坚持, 十个坚持) is a pattern, not one formulation.
        tails = Counter(f.counted[1] for f in counted)  # type: ignore[index]
        for match in COUNTED.finditer(text):
            numeral, start = match.group(0)[0], match.start()
            for formulation in counted:
                right_numeral, rest = formulation.counted  # type: ignore[misc]
                end = match.end() + len(rest)
                written = text[match.end(): end]
                said = numeral + "个" + written
                if said in known or len(written) < len(rest):
                    continue
                quoted = start > 0 and text[start - 1] in OPENING and end < len(text) and text[end] in CLOSING
                if quoted and _defined_here(text, end + 1, numeral):
                    continue  # the draft's own 三个结合, set out right after: 一是……二是……三是……
                if written == rest and numeral != right_numeral and quoted and tails[rest] == 1:
                    yield self._diagnostic(ctx, start, end, formulation, f"提法“{said}”数目有误，应为“{formulation.name}”",
                                           f"formulation “{said}” has the wrong count: “{formulation.name}”",
                                           formulation.name)
                elif numeral == right_numeral and quoted and _one_changed(written, rest):
                    yield self._diagnostic(ctx, start, end, formulation, f"提法“{said}”有误，应为“{formulation.name}”",
                                           f"formulation “{said}” is misstated: “{formulation.name}”", formulation.name)

    def _lists(self, ctx: Context, formulation: Formulation, normalized: Normalized,
               table: tuple[Formulation, ...]) -> Iterator[Diagnostic]:
        """Where the draft enumerates two or more members: a wrong, missing or misplaced member."""
        members = formulation.norm_members()
        text, original = normalized.text, ctx.document.text
        for cluster in _lists(original, normalized, members):
            found = {index: span for index, span, _ in cluster}
            count = len(found)
            if count < 2 or count == len(members) and [i for i, _, _ in cluster] == sorted(found):
                continue
            lo, hi = cluster[0][1][0], cluster[-1][1][1]
            if any(_has_all(text[max(0, lo - NAME_REACH): hi + NAME_REACH], v) for v in formulation.variants):
                continue
            name_norm = normalize_name(formulation.name)
            named = name_norm in text[max(0, lo - NAME_REACH): lo] or name_norm in text[hi: hi + 4]
            a, b = normalized.original_span(lo, hi)
            if count == len(members):
                order = "、".join(formulation.members)
                yield self._diagnostic(ctx, a, b, formulation, f"“{formulation.name}”的顺序应为：{order}",
                                       f"the members of “{formulation.name}” go in this order: {order}", order)
                continue
            sentence = _sentence_norm(original, a, b)
            slots = {slot[0]: slot[1] for _, _, slot in cluster if slot is not None}
            missing: list[str] = []
            for index, member in enumerate(members):
                if index in found or member in sentence:
                    continue  # present, or named elsewhere in the sentence (推进伟大工程，要结合伟大斗争…)
                wanted = formulation.members[index]
                inner = any(i < index for i in found) and any(i > index for i in found)
                wrong = slots.get(index)
                if wrong is None and not inner and count >= len(members) - 1:
                    wrong = _end_slot(original, normalized, found, index, member)
                if wrong is not None:
                    got = original[wrong[0]: wrong[1]]
                    if normalize_name(got) != member:
                        yield self._diagnostic(ctx, wrong[0], wrong[1], formulation,
                                               f"“{formulation.name}”的表述有误：“{got}”应为“{wanted}”",
                                               f"“{formulation.name}”: “{got}” should read “{wanted}”", wanted)
                elif inner and count >= len(members) - (2 if named else 1) or named and count >= len(members) - 1:
                    # A gap inside the list: one member of an unnamed list, or two under its name
                    # (自我完善、自我提高 alone is two of 四个自我 and says nothing about the rest).
                    missing.append(wanted)
            if missing:
                listed = "、".join(f"“{m}”" for m in missing)
                yield self._diagnostic(ctx, a, b, formulation, f"“{formulation.name}”缺少{listed}",
                                       f"“{formulation.name}” is missing {listed}")


def normalize_name(name: str) -> str:
    from yinwen.text.normalize import normalize_text

    return normalize_text(name)


SEPARATORS = set("、，,；;：: \t\u3000“”‘’「」『』\"'（）()")
CONNECTIVES = ("", "和", "与", "及", "以及", "并", "同")
SENTENCE_END = set("。！？!?\r\n")


def _separated(gap: str) -> bool:
    """Only list punctuation and at most one connective (和, 与, 以及 …) between two members."""
    return "".join(ch for ch in gap if ch not in SEPARATORS) in CONNECTIVES


def _slot(gap: str, member: str) -> tuple[int, int] | None:
    """The gap holds one item in place of ``member`` (大局意识、全局意识、看齐意识): its offsets in gap."""
    if any(ch in SENTENCE_END for ch in gap):
        return None
    lo, hi = 0, len(gap)
    while lo < hi and gap[lo] in SEPARATORS:
        lo += 1
    while hi > lo and gap[hi - 1] in SEPARATORS:
        hi -= 1
    item = normalize_name(gap[lo:hi])
    if not item or abs(len(item) - len(member)) > 1 or any(ch in SEPARATORS for ch in gap[lo:hi]):
        return None
    from rapidfuzz.distance import Levenshtein

    return (lo, hi) if Levenshtein.normalized_similarity(item, member) >= 0.5 else None


def _lists(original: str, normalized: Normalized, members: tuple[str, ...]) -> Iterator[list]:
    """Enumerations of members: runs of occurrences separated only by list punctuation, or by one
    item standing where the member in between belongs. Yields [(index, (start, end), slot)] in text
    order (normalised offsets); slot is (index of the member it replaces, original span) or None."""
    events = []
    for index, member in enumerate(members):
        position = normalized.text.find(member)
        while position >= 0:
            events.append((position, position + len(member), index))
            position = normalized.text.find(member, position + 1)
    events.sort()
    offsets = normalized.offsets
    cluster: list = []
    for start, end, index in events:
        if cluster:
            last_index, (_, last_end), _ = cluster[-1]
            gap_lo, gap_hi = offsets[last_end - 1] + 1, offsets[start]
            gap = original[gap_lo:gap_hi]
            joined = None
            if start >= last_end and not any(ch in SENTENCE_END for ch in gap) and all(i != index for i, _, _ in cluster):
                if _separated(gap):
                    joined = (index, (start, end), None)
                elif index == last_index + 2:
                    slot = _slot(gap, members[last_index + 1])
                    if slot is not None:
                        joined = (index, (start, end), (last_index + 1, (gap_lo + slot[0], gap_lo + slot[1])))
            if joined is not None:
                cluster.append(joined)
                continue
            yield cluster
        cluster = [(index, (start, end), None)]
    if cluster:
        yield cluster


def _end_slot(original: str, normalized: Normalized, found: dict, index: int, member: str) -> tuple[int, int] | None:
    """An item right after the last member standing where ``member`` belongs (…制度自信、文明自信)."""
    if not all(i < index for i in found):
        return None
    last = normalized.offsets[max(found.values())[1] - 1] + 1
    lo = last
    while lo < len(original) and original[lo] in SEPARATORS:
        lo += 1
    if lo == last:
        return None  # no separator: the text goes on, it is not the next item
    hi = lo
    while hi < len(original) and original[hi] not in SEPARATORS and original[hi] not in SENTENCE_END and hi - lo <= len(member):
        hi += 1
    slot = _slot(original[lo:hi], member)
    return (lo + slot[0], lo + slot[1]) if slot else None


def _sentence_norm(original: str, start: int, end: int) -> str:
    """The normalised sentence around [start, end), without that stretch itself."""
    lo = start
    while lo > 0 and original[lo - 1] not in SENTENCE_END:
        lo -= 1
    hi = end
    while hi < len(original) and original[hi] not in SENTENCE_END:
        hi += 1
    return normalize_name(original[lo:start]) + "\x00" + normalize_name(original[end:hi])


def _has_all(region: str, variant: tuple[str, ...]) -> bool:
    from yinwen.text.normalize import normalize_text

    return all(normalize_text(member) in region for member in variant)


ORDINAL_ITEM = re.compile(r"(?:^|[：:，,；;。\s])(?:其)?([一二三四五六七八九十])(?:是|要|则|、)")
# How far after a counted name the draft's own list of its items may run.
DEFINITION_REACH = 200


def _defined_here(text: str, after: int, numeral: str) -> bool:
    """A counted name the draft defines itself: an enumeration 一是……二是……, as many items as the
    count, follows in the next sentences (a list of ``numeral`` items, none of them the table's)."""
    window = text[after: after + DEFINITION_REACH]
    window = window.lstrip("”’」』\"：:，, ")
    items = [match.group(1) for match in ORDINAL_ITEM.finditer("：" + window)]
    count = "一二三四五六七八九十".index("二" if numeral == "两" else numeral) + 1
    return "".join(items[:count]) == "一二三四五六七八九十"[:count]


def _one_changed(written: str, right: str) -> bool:
    return len(written) == len(right) and sum(a != b for a, b in zip(written, right)) == 1 and \
        all("\u4e00" <= ch <= "\u9fff" for ch in written)


def _source(formulation: Formulation) -> SourceRef:
    return SourceRef(id=formulation.source, title=formulation.set_out, speaker=None, date=formulation.date or None, locator="",
                     text=formulation.sentence or "、".join(formulation.members))
