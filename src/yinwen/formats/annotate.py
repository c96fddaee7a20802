"""``--annotate out.docx``: a copy of the draft with a Word comment (批注) on every finding.

The comment sits exactly on the quotation: runs are split at the quotation's first and last
character (each half keeps its formatting), and the range markers go around the runs in between.
It says the code and message, the source's exact wording and its citation, and the fix the finding
offers. With ``--fix``, each fix is also written as tracked changes that strike out only the words it
changes (以【软弱退让】求安全: 软弱退让 deleted, 妥协 inserted), so the writer accepts or rejects
them in Word. The original file is never written.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from yinwen.diagnostics import Diagnostic
from yinwen.formats.docx import W_T, Block, W, extract, open_docx, paragraph_segments
from yinwen.messages import msg

AUTHOR = "yinwen 引文核对"
INITIALS = "YW"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class AnnotateError(Exception):
    """The annotated copy cannot be written (same path as the draft, draft changed since the check …)."""


@dataclass
class AnnotateResult:
    comments: int = 0
    tracked_fixes: int = 0
    skipped: int = 0  # findings outside the body (headers, notes) or without a span


def comment_text(diagnostic: Diagnostic, lang: str = "zh", fix: tuple[str, str] | None = None) -> str:
    """Code, message, the source's wording, its citation and the offered fix (``(old, new)``) — one
    paragraph each."""
    en = lang == "en"
    lines = [f"{diagnostic.code} {diagnostic.text(lang)}"]
    if diagnostic.related:
        for text, _span, ref in diagnostic.related:
            lines.append(("part: " if en else "片段：") + text)
            if ref:
                lines.append(("source: " if en else "原文：") + ref.text)
                if ref.citation():
                    lines.append(("cited: " if en else "出处：") + ref.citation())
    elif diagnostic.source is not None:
        lines.append(("source: " if en else "原文：") + diagnostic.source.text)
        if diagnostic.source.citation():  # a user formulation may name no source
            lines.append(("cited: " if en else "出处：") + diagnostic.source.citation())
    if fix is not None:
        old, new = fix
        if new:
            lines.append(("suggested: " if en else "建议改为：") + new)
        else:
            lines.append(f"suggested: delete “{old}”" if en else f"建议删除“{old}”")
    return "\n".join(lines)


def annotate_docx(source: Path, target: Path, text: str, diagnostics: list[Diagnostic], lang: str = "zh",
                  fixes: list = (), offered: list = ()) -> AnnotateResult:
    """Write ``target``: ``source`` with comments on ``diagnostics`` and tracked changes for ``fixes``.

    ``offered`` and ``fixes`` are offers (report/fixes.py: ``diagnostic``, ``start``, ``end``, ``text``):
    every fix offered is named in its finding's comment; the ``fixes`` (those --fix applies) are written."""
    from yinwen.safe_write import write_atomic

    if target.resolve() == source.resolve():
        raise AnnotateError(msg("annotate-same-file"))
    document = open_docx(source)
    extracted = extract(document)
    if extracted.text != text:
        raise AnnotateError(msg("annotate-draft-changed"))
    result = AnnotateResult()
    marker = _Marker(extracted.blocks)
    suggestions = {id(offer.diagnostic): offer for offer in offered}
    # Comments first: they do not change the text, so every finding's offsets stay valid.
    for diagnostic in diagnostics:
        span = diagnostic.span
        runs = marker.isolate(span.start, span.end) if span is not None and span.end > span.start else []
        if not runs:
            result.skipped += 1
            continue
        offer = suggestions.get(id(diagnostic))
        fix = (text[offer.start:offer.end], offer.text) if offer is not None else None
        comment = document.comments.add_comment(text=comment_text(diagnostic, lang, fix), author=AUTHOR, initials=INITIALS)
        _mark_range(runs[0], runs[-1], comment.comment_id)
        result.comments += 1
    # Then tracked changes, last first: a change shifts the offsets only of what follows it.
    for offer in sorted(fixes, key=lambda o: o.start, reverse=True):
        if _track(marker, offer.start, text[offer.start:offer.end], offer.text):
            result.tracked_fixes += 1
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(target, buffer.getvalue())
    return result


class _Marker:
    """Finds and isolates the runs that hold a stretch of the extracted text (body paragraphs only)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.revision = 9000

    def next_revision(self) -> int:
        self.revision += 1
        return self.revision

    def isolate(self, start: int, end: int) -> list:
        touched = [b for b in self.blocks if b.start < end and start < b.start + len(b.text)]
        if not touched or not all(b.in_body for b in touched):
            return []
        self._split(touched[-1], end - touched[-1].start)
        self._split(touched[0], start - touched[0].start)
        runs: list = []
        for block in touched:
            block.text, block.segments = paragraph_segments(block.paragraph)
            for segment in block.segments:
                a, b = block.start + segment.start, block.start + segment.end
                if start <= a and b <= end and segment.run is not None and segment.run not in runs:
                    runs.append(segment.run)
        return runs

    def boundary(self, offset: int) -> tuple | None:
        """The runs either side of a point of the body text, split there: (run before or None, run after or
        None); None when the point is not in a body paragraph or has no run next to it."""
        touched = [b for b in self.blocks if b.start <= offset <= b.start + len(b.text)]
        if not touched or not touched[0].in_body:
            return None
        block = touched[0]
        self._split(block, offset - block.start)
        block.text, block.segments = paragraph_segments(block.paragraph)
        relative = offset - block.start
        before = next((seg.run for seg in reversed(block.segments) if seg.end <= relative and seg.run is not None), None)
        after = next((seg.run for seg in block.segments if seg.start >= relative and seg.run is not None), None)
        if before is None and after is None:
            return None
        if before is not None and after is not None and before.getparent() is not after.getparent():
            return (before, None)
        return (before, after)

    def _split(self, block: Block, offset: int) -> None:
        """Split the run holding character ``offset`` of the paragraph so a run boundary falls there."""
        _text, segments = paragraph_segments(block.paragraph)
        for index, segment in enumerate(segments):
            if segment.start <= offset < segment.end or (offset == segment.end and index == len(segments) - 1):
                if offset == segment.end:
                    return
                inside = offset - segment.start
                run = segment.run
                first_in_run = index == 0 or segments[index - 1].run is not run
                if inside == 0 and first_in_run:
                    return
                _split_run(run, segment.element, inside)
                return


def _split_run(run, element, at: int) -> None:
    """Split ``run`` before character ``at`` of its child ``element``; both halves keep the formatting."""
    children = list(run)
    index = children.index(element)
    twin = copy.deepcopy(run)
    twin_children = list(twin)
    for child in children[index + 1:]:
        run.remove(child)
    for child in twin_children[:index]:
        if child.tag != W + "rPr":
            twin.remove(child)
    if element.tag == W_T and at > 0:
        text = element.text or ""
        element.text = text[:at]
        twin_children[index].text = text[at:]
        element.set(XML_SPACE, "preserve")
        twin_children[index].set(XML_SPACE, "preserve")
    else:
        run.remove(element)
    run.addnext(twin)


def _track(marker: _Marker, start: int, old: str, new: str) -> bool:
    """Write ``old`` → ``new`` at ``start`` as tracked changes of only the words that change (last first,
    so earlier offsets stay valid); False, and nothing written, when a change spans runs of different
    parents (a hyperlink, a field) that one tracked change cannot hold."""
    from yinwen.text.diffs import changed_stretches

    stretches = changed_stretches(old, new)
    placed = []
    for a, b, replacement in stretches:
        if a == b:
            anchor = marker.boundary(start + a)
            if anchor is None:
                return False
            placed.append((a, b, replacement, anchor))
            continue
        runs = marker.isolate(start + a, start + b)
        if not runs or not _same_parent(runs):
            return False
        placed.append((a, b, replacement, runs))
    for a, b, replacement, where in reversed(placed):
        if a == b:
            _tracked_insert(where, replacement, marker.next_revision())
        else:
            _tracked_replace(where, replacement, marker.next_revision())
    return True


def _same_parent(runs: list) -> bool:
    parent = runs[0].getparent()
    return all(run.getparent() is parent for run in runs)


def _tracked_insert(anchor: tuple, text: str, revision: int) -> None:
    """A tracked insertion of ``text`` after the run ``anchor[0]`` (or before ``anchor[1]`` at a paragraph's start)."""
    before, after = anchor
    insertion = _insertion(before if before is not None else after, text, revision)
    if before is not None:
        before.addnext(insertion)
    else:
        after.addprevious(insertion)


def _insertion(model_run, text: str, revision: int):
    """A w:ins holding one run of ``text`` formatted like ``model_run``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    insertion = OxmlElement("w:ins", attrs={qn("w:id"): str(revision + 5000), qn("w:author"): AUTHOR, qn("w:date"): stamp})
    new_run = OxmlElement("w:r")
    properties = model_run.find(W + "rPr")
    if properties is not None:
        new_run.append(copy.deepcopy(properties))
    new_text = OxmlElement("w:t")
    new_text.text = text
    new_text.set(XML_SPACE, "preserve")
    new_run.append(new_text)
    insertion.append(new_run)
    return insertion


def _tracked_replace(runs: list, replacement: str, revision: int) -> None:
    """Wrap ``runs`` in a tracked deletion and add a tracked insertion of ``replacement`` (if any) after it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    deletion = OxmlElement("w:del", attrs={qn("w:id"): str(revision), qn("w:author"): AUTHOR, qn("w:date"): stamp})
    runs[0].addprevious(deletion)
    for run in runs:
        deletion.append(run)
        for text in run.findall(W_T):
            text.tag = W + "delText"
    if replacement:
        deletion.addnext(_insertion(runs[0], replacement, revision))


def _mark_range(first, last, comment_id: int) -> None:
    """commentRangeStart before ``first``, commentRangeEnd and the reference mark after ``last``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    first.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)}))
    reference = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    reference.append(properties)
    reference.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    last.addnext(reference)
    last.addnext(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)}))


__all__ = ["AnnotateError", "AnnotateResult", "annotate_docx", "comment_text"]
