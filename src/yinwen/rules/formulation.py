"""YW301 formulation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity, SourceRef
from yinwen.formulations import NUMERALS, Formulation, load_formulations
from yinwen.normalize import Normalized, normalize
from yinwen.rules import Context, Rule

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
        return Diagnostic(
            code=self.code, rule=self.name, severity=self.severity, message=message, message_en=message_en,
            span=ctx.document.span(start, end), quote=ctx.document.text[start:end], fix=fix,
            source=_source(formulation), details={"formulation": formulation.name},
        )

    def _names(self, ctx: Context, table: tuple[Formulation, ...]) -> Iterator[Diagnostic]:
        """“两个确定” for “两个确立” (quoted), “三个意识” for “四个意识” (a count that names no formulation)."""
        text = ctx.document.text
        known = {f.name for f in table}
        counted = [f for f in table if f.counted]
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
                if written == rest and numeral != right_numeral and quoted:
                    yield self._diagnostic(ctx, start, end, formulation, f"提法“{said}”数目有误，应为“{formulation.name}”",
                                           f"formulation “{said}” has the wrong count: “{formulation.name}”",
                                           formulation.name)
                elif numeral == right_numeral and quoted and _one_changed(written, rest):
                    yield self._diagnostic(ctx, start, end, formulation, f"提法“{said}”有误，应为“{formulation.name}”",
                                           f"formulation “{said}” is misstated: “{formulation.name}”", formulation.name)

    def _lists(self, ctx: Context, formulation: Formulation, normalized: Normalized,
               table: tuple[Formulation, ...]) -> Iterator[Diagnostic]:
        """Where the draft lists two or more members: a wrong, missing or misplaced member."""
        members = formulation.norm_members()
        text = normalized.text
        for cluster in _clusters(text, members):
            found = dict(cluster)
            count = len(found)
            if count < 2 or count == len(members) and list(found) == sorted(found):
                continue
            lo = min(a for a, _ in found.values())
            hi = max(b for _, b in found.values())
            if any(_has_all(text[max(0, lo - NAME_REACH): hi + NAME_REACH], v) for v in formulation.variants):
                continue
            named = normalize_name(formulation.name) in text[max(0, lo - NAME_REACH): lo] or \
                normalize_name(formulation.name) in text[hi: hi + 4]
            if count == len(members):
                a, b = normalized.original_span(lo, hi)
                order = "、".join(formulation.members)
                yield self._diagnostic(ctx, a, b, formulation, f"“{formulation.name}”的顺序应为：{order}",
                                       f"the members of “{formulation.name}” go in this order: {order}")
                continue
            missing: list[str] = []
            for index, member in enumerate(members):
                if index in found:
                    continue
                before = [found[i] for i in found if i < index]
                after = [found[i] for i in found if i > index]
                inner = bool(before and after)
                # A list cut short at either end may be a deliberate part (爱国、敬业、诚信、友善 of the
                # 24 characters); one with a hole in the middle, or one member short, is not.
                if inner and count < len(members) - 2 or not inner and count < len(members) - 1:
                    continue
                gap_lo = max(b for _, b in before) if before else max(0, min(a for a, _ in after) - len(member) - 4)
                gap_hi = min(a for a, _ in after) if after else min(len(text), gap_lo + len(member) + 4)
                near = _nearest(text, gap_lo, gap_hi, member)
                name = formulation.members[index]
                if near is not None and (inner or near[2] >= 0.6):
                    a, b = normalized.original_span(near[0], near[1])
                    got = ctx.document.text[a:b]
                    yield self._diagnostic(ctx, a, b, formulation, f"“{formulation.name}”的表述有误：“{got}”应为“{name}”",
                                           f"“{formulation.name}”: “{got}” should read “{name}”", name)
                elif inner or named:
                    missing.append(name)
            if missing:
                a, b = normalized.original_span(lo, hi)
                listed = "、".join(f"“{m}”" for m in missing)
                yield self._diagnostic(ctx, a, b, formulation, f"“{formulation.name}”缺少{listed}",
                                       f"“{formulation.name}” is missing {listed}")


def normalize_name(name: str) -> str:
    from yinwen.normalize import normalize_text

    return normalize_text(name)


def _clusters(text: str, members: tuple[str, ...]) -> Iterator[list[tuple[int, tuple[int, int]]]]:
    """Runs of member occurrences close together: (member index, (start, end)) in text order."""
    events = []
    for index, member in enumerate(members):
        position = text.find(member)
        while position >= 0:
            events.append((position, position + len(member), index))
            position = text.find(member, position + 1)
    events.sort()
    reach = max(len(m) for m in members) + 4
    cluster: list[tuple[int, tuple[int, int]]] = []
    last_end = 0
    for start, end, index in events:
        if cluster and (start - last_end > reach or any(i == index for i, _ in cluster)):
            yield cluster
            cluster = []
        cluster.append((index, (start, end)))
        last_end = max(last_end, end) if len(cluster) > 1 else end
    if cluster:
        yield cluster


def _has_all(region: str, variant: tuple[str, ...]) -> bool:
    from yinwen.normalize import normalize_text

    return all(normalize_text(member) in region for member in variant)


def _nearest(text: str, lo: int, hi: int, member: str) -> tuple[int, int, float] | None:
    """The stretch of text[lo:hi] most like ``member`` (same length ±1), if at least half alike."""
    from rapidfuzz.distance import Levenshtein

    best: tuple[int, int, float] | None = None
    for width in (len(member), len(member) - 1, len(member) + 1):
        for start in range(lo, hi - width + 1):
            candidate = text[start: start + width]
            if not candidate:
                continue
            score = Levenshtein.normalized_similarity(candidate, member)
            if score >= 0.5 and (best is None or score > best[2]):
                best = (start, start + width, score)
    return best


def _one_changed(written: str, right: str) -> bool:
    return len(written) == len(right) and sum(a != b for a, b in zip(written, right)) == 1 and \
        all("\u4e00" <= ch <= "\u9fff" for ch in written)


def _source(formulation: Formulation) -> SourceRef:
    return SourceRef(id=formulation.source, title=formulation.set_out, speaker=None, date=formulation.date or None, locator="",
                     text=formulation.sentence or "、".join(formulation.members))
