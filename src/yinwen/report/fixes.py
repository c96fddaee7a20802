"""``--fix``: put the source's exact wording in place of a misquotation, only when that is unambiguous.

A fix is applied only when (a) a rule offered one (YW101 for a quotation matched to a single
passage, YW104 for punctuation) for a quotation within one paragraph, (b) no other fix touches
the same characters, and (c) the fixed
text checks clean at that place: the draft is checked again and any fix whose quotation still has
a finding is withdrawn. So fixing twice changes nothing the second time, and nothing is ever
"fixed" into another error. Files keep their encoding, byte-order mark and line endings, and are
replaced atomically.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field, replace
from pathlib import Path

from yinwen.diagnostics import Diagnostic
from yinwen.safe_write import write_atomic
from yinwen.text.document import Document

FIXABLE = ("YW101", "YW104")
EDGE_PUNCTUATION = "。！？；，、：.!?;,:"
MAX_ROUNDS = 3


@dataclass
class FixResult:
    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    withdrawn: list[Diagnostic] = field(default_factory=list)
    unencodable: list[Diagnostic] = field(default_factory=list)  # the file's encoding cannot hold the fix

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def candidates(document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Fixes that are offered, change something, and do not overlap another fix (overlap = ambiguous)."""
    offered = [_keep_edges(document.text, d) for d in diagnostics
               if d.code in FIXABLE and d.fix is not None and d.span is not None]
    # A quotation over several paragraphs is not fixed: the fix would merge the paragraphs.
    offered = [d for d in offered if document.text[d.span.start:d.span.end] != d.fix
               and not any(ch in document.text[d.span.start:d.span.end] for ch in "\r\n")]
    chosen = []
    for diagnostic in offered:
        span = diagnostic.span
        if any(other is not diagnostic and other.span.start < span.end and span.start < other.span.end
               for other in offered):
            continue
        chosen.append(diagnostic)
    return sorted(chosen, key=lambda d: d.span.start)


def _keep_edges(text: str, diagnostic: Diagnostic) -> Diagnostic:
    """Keep the sentence punctuation that closes the quotation (…精气神。”): the source passage is
    located without it, and dropping it would change the draft's sentence, not the quotation."""
    quoted = text[diagnostic.span.start:diagnostic.span.end]
    fix = diagnostic.fix or ""
    tail = len(quoted) - len(quoted.rstrip(EDGE_PUNCTUATION))
    if tail and not fix.endswith(quoted[-tail:]) and not fix.endswith(tuple(EDGE_PUNCTUATION)):
        return replace(diagnostic, fix=fix + quoted[-tail:])
    return diagnostic


def apply(text: str, fixes: list[Diagnostic]) -> tuple[str, list[tuple[int, int]]]:
    """The text with every fix applied, and where each fixed stretch now stands."""
    out, cursor, shift, placed = [], 0, 0, []
    for diagnostic in sorted(fixes, key=lambda d: d.span.start):
        start, end = diagnostic.span.start, diagnostic.span.end
        out += [text[cursor:start], diagnostic.fix]
        placed.append((start + shift, start + shift + len(diagnostic.fix)))
        shift += len(diagnostic.fix) - (end - start)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), placed


def fix_document(document: Document, corpus, settings, diagnostics: list[Diagnostic] | None = None) -> FixResult:
    """Apply the unambiguous fixes that re-check clean; returns the new text and what was applied."""
    from yinwen.engine import check_document

    if diagnostics is None:
        diagnostics = check_document(document, corpus, settings).diagnostics
    pending = candidates(document, diagnostics)
    unencodable = [fix for fix in pending if not _encodable(fix.fix or "", document.encoding)]
    pending = [fix for fix in pending if fix not in unencodable]
    withdrawn: list[Diagnostic] = []
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        text, placed = apply(document.text, pending)
        recheck = check_document(Document.from_text(document.path, text, document.encoding), corpus, settings)
        still_wrong = [fix for fix, (a, b) in zip(pending, placed)
                       if any(d.span and d.span.start < b and a < d.span.end for d in recheck.diagnostics)]
        if not still_wrong:
            return FixResult(text, pending, withdrawn, unencodable)
        withdrawn += still_wrong
        pending = [fix for fix in pending if fix not in still_wrong]
    return FixResult(document.text, [], withdrawn + pending, unencodable)


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


def encode_like(original: bytes, text: str, encoding: str) -> bytes:
    """``text`` encoded as ``original`` was: the same encoding, and its byte-order mark if it had one."""
    bom = next((mark for mark in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8,
                                  codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if original.startswith(mark)), b"")
    return bom + text.encode(encoding)
