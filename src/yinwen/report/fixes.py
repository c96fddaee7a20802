"""The fixes a check offers, decided in one place, and ``--fix``, which applies exactly those.

A finding offers a fix when its rule proposed one (YW101 for a quotation matched to one passage, YW104
for punctuation, YW201 deleting the doubled copy, YW301 naming the formulation right) that changes
something, stays within one paragraph (a fix across paragraphs would merge them), and overlaps no
other offered fix (two fixes on the same characters are ambiguous). ``offers`` is the only judge:
JSON, SARIF, rdjson and GitHub annotations show what it returns, ``--fix`` applies it, and
``--annotate --fix`` writes it as tracked changes — so a fix a machine format shows is the fix
``--fix`` makes. ``--fix`` then checks the fixed text again and withdraws (and says so) any fix whose
place still has a finding, so nothing is ever "fixed" into another error and fixing twice changes
nothing. Files keep their encoding, byte-order mark and line endings, and are replaced atomically.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from yinwen.diagnostics import Diagnostic
from yinwen.safe_write import write_atomic
from yinwen.text.document import Document

EDGE_PUNCTUATION = "。！？；，、：.!?;,:"
LINE_BREAKS = "\r\n"
MAX_ROUNDS = 3


@dataclass(frozen=True)
class Offer:
    """A fix: replace characters [start, end) of the document with ``text``."""

    diagnostic: Diagnostic
    start: int
    end: int
    text: str


@dataclass
class FixResult:
    text: str
    applied: list[Offer] = field(default_factory=list)
    withdrawn: list[Offer] = field(default_factory=list)
    unencodable: list[Offer] = field(default_factory=list)  # the file's encoding cannot hold the fix

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def offers(document: Document | None, diagnostics: list[Diagnostic], encodable_only: bool = True) -> list[Offer]:
    """The fixes the findings of ``document`` offer, in document order (see the module's docstring).

    A fix the file's encoding cannot hold (a Big5 draft cannot hold 争) is no offer: --fix could not
    write it. ``encodable_only=False`` keeps those, so that --fix can say which it left out and why."""
    if document is None:
        return []
    text = document.text
    proposed = []
    for diagnostic in diagnostics:
        span = diagnostic.span
        if diagnostic.fix is None or span is None:
            continue
        old = text[span.start:span.end]
        new = _keep_edges(old, diagnostic)
        if old != new and not any(ch in old for ch in LINE_BREAKS) \
                and (not encodable_only or _encodable(new, document.encoding)):
            proposed.append(Offer(diagnostic, span.start, span.end, new))
    return _without_overlaps(sorted(proposed, key=lambda offer: (offer.start, offer.end)))


def _without_overlaps(ordered: list[Offer]) -> list[Offer]:
    """The offers (sorted by start) that overlap no other, in one pass each way: an offer overlaps an
    earlier one if some earlier one ends after it starts, a later one if the next starts before it ends."""
    kept, reach = [], -1
    for index, offer in enumerate(ordered):
        later = index + 1 < len(ordered) and ordered[index + 1].start < offer.end
        if reach <= offer.start and not later:
            kept.append(offer)
        reach = max(reach, offer.end)
    return kept


def _keep_edges(old: str, diagnostic: Diagnostic) -> str:
    """A quotation's fix (its source's wording) without the sentence punctuation that closes the quotation
    in the draft (…精气神。”): the source passage is located without it, and dropping it would change the
    draft's sentence, not the quotation."""
    fix = diagnostic.fix or ""
    if diagnostic.quote is None or diagnostic.source is None:
        return fix
    tail = len(old) - len(old.rstrip(EDGE_PUNCTUATION))
    if tail and not fix.endswith(old[-tail:]) and not fix.endswith(tuple(EDGE_PUNCTUATION)):
        return fix + old[-tail:]
    return fix


def offers_by_diagnostic(document: Document | None, diagnostics: list[Diagnostic]) -> dict[int, Offer]:
    """``offers`` keyed by the id of their diagnostic, for formats that walk the findings one by one."""
    return {id(offer.diagnostic): offer for offer in offers(document, diagnostics)}


def apply(text: str, fixes: list[Offer]) -> tuple[str, list[tuple[int, int]]]:
    """The text with every fix applied, and where each fixed stretch now stands."""
    out, cursor, shift, placed = [], 0, 0, []
    for offer in sorted(fixes, key=lambda o: o.start):
        out += [text[cursor:offer.start], offer.text]
        placed.append((offer.start + shift, offer.start + shift + len(offer.text)))
        shift += len(offer.text) - (offer.end - offer.start)
        cursor = offer.end
    out.append(text[cursor:])
    return "".join(out), placed


def fix_document(document: Document, corpus, settings, diagnostics: list[Diagnostic] | None = None) -> FixResult:
    """Apply the offered fixes that re-check clean; returns the new text and what was applied."""
    from yinwen.engine import check_document

    if diagnostics is None:
        diagnostics = check_document(document, corpus, settings).diagnostics
    proposed = offers(document, diagnostics, encodable_only=False)
    unencodable = [offer for offer in proposed if not _encodable(offer.text, document.encoding)]
    pending = [offer for offer in proposed if offer not in unencodable]
    withdrawn: list[Offer] = []
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        text, placed = apply(document.text, pending)
        recheck = check_document(Document.from_text(document.path, text, document.encoding), corpus, settings)
        still_wrong = [offer for offer, (a, b) in zip(pending, placed)
                       if any(d.span and _touches(d.span.start, d.span.end, a, b) for d in recheck.diagnostics)]
        if not still_wrong:
            return FixResult(text, pending, withdrawn, unencodable)
        withdrawn += still_wrong
        pending = [offer for offer in pending if offer not in still_wrong]
    return FixResult(document.text, [], withdrawn + pending, unencodable)


def _touches(start: int, end: int, a: int, b: int) -> bool:
    """A finding at [start, end) lies on the fixed stretch [a, b); a deletion leaves an empty stretch, and
    a finding on a character either side of it counts."""
    if a == b:
        return start <= a <= end
    return start < b and a < end


def _encodable(text: str, encoding: str) -> bool:
    """Whether a text file in ``encoding`` can hold ``text`` (a Big5 draft cannot hold 争 or 则).
    Extracted text (.docx, .pdf) is written by its own format, not by an encoding."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        return True
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def encode_like(original: bytes, text: str, encoding: str) -> bytes:
    """``text`` in the encoding and with the byte-order mark of ``original`` (the bytes it was read from)."""
    bom = next((mark for mark in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8,
                                  codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if original.startswith(mark)), b"")
    return bom + text.encode(encoding)


def write_text_file(path: Path, text: str, document: Document, forced_encoding: str | None = None) -> None:
    """Replace ``path`` with ``text`` in its original encoding and byte-order mark — only if the file
    still holds exactly what was checked (``document``): a line typed during the check is never lost.

    Raises TargetChanged (the file changed) or WriteError (it could not be written)."""
    from yinwen.safe_write import Snapshot, TargetChanged, WriteError
    from yinwen.text.document import DecodeError, decode

    try:
        original = path.read_bytes()
    except OSError as error:
        raise WriteError(f"{path}: cannot read it again before writing: {error.strerror or error}") from None
    try:
        now, _ = decode(original, forced_encoding)
    except DecodeError:
        now = None
    if now != document.text:
        raise TargetChanged(f"{path}: the file changed after yinwen read it; nothing was written (check it again)")
    write_atomic(path, encode_like(original, text, document.encoding), expected=Snapshot.of_bytes(original))
