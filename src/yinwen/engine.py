"""Run the pipeline over documents: load → extract → match → rules → a report.

Isolation: a rule that raises becomes a YW000 diagnostic naming the rule; a file that cannot be
read becomes a YW00x diagnostic; every other rule and file still runs.
"""

from __future__ import annotations

import stat
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from yinwen.config.settings import RICH_SUFFIXES, Settings
from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match.editions import editions_from
from yinwen.match.limits import marks_cut_diagnostic, too_long, too_long_diagnostic, unchecked_match
from yinwen.match.records import Match
from yinwen.match.verdict import match_quote
from yinwen.text.document import DecodeError, Document, looks_binary, read_document
from yinwen.text.quotes import extract_quotes


@dataclass
class FileReport:
    path: str
    matches: list[Match] = field(default_factory=list)
    sources: list = field(default_factory=list)  # SourceRef | None per match
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document: Document | None = None
    file: Path | None = None  # the file as the OS names it (``path`` is its printable name); None for stdin


@dataclass
class Report:
    files: list[FileReport]
    corpus_sources: int = 0
    corpus_chars: int = 0
    corpus_fingerprint: str = ""
    usage_errors: list = field(default_factory=list)  # catalog Messages (yinwen.messages), one per problem

    def all_diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def has_internal_error(self) -> bool:
        return any(d.code == "YW000" for d in self.all_diagnostics())

    def failed(self) -> bool:
        """A usage error, a crash, or a file that could not be checked (see ``Diagnostic.fails_run``)."""
        return bool(self.usage_errors) or any(d.fails_run for d in self.all_diagnostics())

    def exit_code(self, fail_on: Severity) -> int:
        """0 clean, 1 findings at or above ``fail_on``, 2 usage/input/internal error (which wins)."""
        if self.failed():
            return 2
        return 1 if any(d.severity >= fail_on for d in self.all_diagnostics()) else 0


def input_diagnostic(code: str, message: str, message_en: str, severity: Severity | None = None) -> Diagnostic:
    """An input problem (a YW00x code, see ``diagnostics.INPUT_PROBLEMS``) about a whole file."""
    from yinwen.rules import registry

    rule = registry()[code]
    return Diagnostic(code=code, rule=rule.name, severity=severity or rule.severity, message=message,
                      message_en=message_en, span=None)


def internal_error(path: str, where: str, error: BaseException) -> Diagnostic:
    detail = "".join(traceback.format_exception(error)).strip()
    return Diagnostic(
        code="YW000",
        rule="internal-error",
        severity=Severity.ERROR,
        message=f"内部错误（{where}）：{type(error).__name__}: {error}",
        message_en=f"internal error in {where}: {type(error).__name__}: {error}",
        span=None,
        details={"where": where, "file": path, "traceback": detail},
    )


def check_document(document: Document, corpus, settings: Settings) -> FileReport:
    """All enabled rules on one decoded document."""
    from yinwen.rules import Context, registry

    report = FileReport(document.path, document=document)
    extraction = extract_quotes(document)
    if extraction.cut_at is not None and settings.enabled("YW003"):
        report.diagnostics.append(_with_severity(marks_cut_diagnostic(document, extraction.cut_at), settings))
    matches: list[Match] = []
    with editions_from(settings.editions):
        _match_all(extraction.quotes, document, corpus, settings, matches, report)
    report.matches = matches
    report.sources = [_match_source(match, corpus) for match in matches]
    ctx = Context(document, extraction, matches, corpus, settings.thresholds, formulations=settings.formulations)
    for code, rule_class in registry().items():
        if not rule_class.document_rule or not settings.enabled(code):
            continue
        try:
            found = list(rule_class().check(ctx))
        except Exception as error:  # noqa: BLE001
            report.diagnostics.append(internal_error(document.path, f"{code} {rule_class.name}", error))
            continue
        report.diagnostics.extend(_with_severity(d, settings) for d in found)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    from yinwen.config.suppress import apply_inline

    report.diagnostics = [_with_severity(d, settings) for d in
                          apply_inline(report.diagnostics, document, report_unknown=settings.enabled("YW006"))]
    return report


def _match_all(quotes, document: Document, corpus, settings: Settings, matches: list[Match], report: FileReport) -> None:
    """Judge every quotation (isolated: a crash in one becomes a YW000 for it alone)."""
    for quote in quotes:
        if too_long(quote):  # a hard cap before matching, see limits.py
            matches.append(unchecked_match(quote))
            if settings.enabled("YW003"):
                report.diagnostics.append(_with_severity(too_long_diagnostic(document, quote), settings))
            continue
        try:
            matches.append(match_quote(quote, corpus, settings.thresholds))
        except Exception as error:  # noqa: BLE001 - isolation is the point
            located = replace(internal_error(document.path, "matching", error), span=document.span(quote.start, quote.end))
            report.diagnostics.append(located)

def _match_source(match: Match, corpus):
    from yinwen.match.evidence import source_ref

    primary = match.parts[0] if match.verdict == "spliced" and match.parts else match.primary
    if primary is None or primary.candidate is None or match.verdict in ("term", "unverified"):
        return None
    return source_ref(primary, corpus)


def _with_severity(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    override = settings.severities.get(diagnostic.code)
    if override is None or override == diagnostic.severity:
        return diagnostic
    from dataclasses import replace

    return replace(diagnostic, severity=override)


def load_file(path: Path, display: str, settings: Settings) -> Document | FileReport:
    """A decoded document, or a FileReport carrying the input problem that explains why not.

    Whether the user named the file or a directory walk found it (by its document suffix), a file
    that cannot be checked is the same input problem: reported, and the run fails unless ignored.
    """
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO or a device would block or never end
            return problem(display, "YW001", settings, "input-not-regular")
        if status.st_size > settings.max_bytes:
            return problem(display, "YW003", settings, "input-too-large", size=status.st_size, limit=settings.max_bytes)
        if path.suffix.lower() in RICH_SUFFIXES:
            from yinwen.formats.errors import InputError
            from yinwen.formats.load import load_rich

            try:
                document = load_rich(path, display)
            except InputError as error:
                return _problem(display, "YW001", error.message, error.message_en, settings)
            # A small .docx can hold far more text than its size says: the limit is on the text it yields.
            extracted = len(document.text.encode("utf-8", "surrogatepass"))
            if extracted > settings.max_bytes:
                return problem(display, "YW003", settings, "input-text-too-large", size=extracted, limit=settings.max_bytes)
            return document
        data = path.read_bytes()
    except OSError as error:
        from yinwen.messages import os_reason

        return problem(display, "YW001", settings, "input-cannot-read", reason=os_reason(error))
    return decode_input(display, data, settings)


def decode_input(display: str, data: bytes, settings: Settings) -> Document | FileReport:
    """Bytes of a text file (or of standard input) as a Document, or the input problem that stops them."""
    if looks_binary(data):
        return problem(display, "YW002", settings, "input-binary")
    from yinwen.text.document import decode

    try:
        text, used = decode(data, settings.encoding)
    except DecodeError as error:
        return problem(display, "YW001", settings, "input-undecodable", byte_offset=error.offset,
                       offset=error.offset, encodings=settings.encoding or "UTF-8/GB18030", detail=str(error))
    return Document.from_text(display, text, used)


def problem(path: str, code: str, settings: Settings, key: str, /, byte_offset: int | None = None,
            **fields: object) -> FileReport:
    """A FileReport holding one input problem, worded from the message catalog."""
    from yinwen.messages import both

    message, message_en = both(key, **fields)
    return _problem(path, code, message, message_en, settings, offset=byte_offset)


def _problem(path: str, code: str, message: str, message_en: str, settings: Settings,
             offset: int | None = None) -> FileReport:
    report = FileReport(path)
    if settings.enabled(code):
        diagnostic = input_diagnostic(code, message, message_en, settings.severities.get(code))
        if offset is not None:
            diagnostic.details["byte_offset"] = str(offset)
        report.diagnostics.append(diagnostic)
    return report


def load_bytes(data: bytes, display: str, settings: Settings, suffix: str = "") -> Document | FileReport:
    """A decoded document from bytes held in memory (standard input, an upload), or a FileReport with the
    input problem that explains why not. ``display`` only names the draft in the report; it never touches a path.

    A .docx or .pdf (``suffix``) is handed to its reader through a private temporary directory (mode 0700,
    a fixed file name) that is removed before this returns: the readers take a path, not bytes."""
    if suffix.lower() in RICH_SUFFIXES:
        return _load_rich_bytes(data, display, suffix.lower(), settings)
    return decode_input(display, data, settings)


def _load_rich_bytes(data: bytes, display: str, suffix: str, settings: Settings) -> Document | FileReport:
    import tempfile

    from yinwen.formats.errors import InputError
    from yinwen.formats.load import load_rich

    with tempfile.TemporaryDirectory(prefix="yinwen-") as private:
        path = Path(private) / f"draft{suffix}"
        path.write_bytes(data)
        try:
            return load_rich(path, display)
        except InputError as error:
            return _problem(display, "YW001", error.message, error.message_en, settings)


def open_settings_corpus(settings: Settings, progress=None):
    """The corpus the settings name (bundled and user corpus, or --corpus, plus --extend-corpus), index opened
    or built; every cache (the word lexicon too) under the settings' root. ``progress``: see open_corpus."""
    from yinwen.cachedir import use_cache_root
    from yinwen.corpus.store import open_corpus

    use_cache_root(settings.cache_dir)
    return open_corpus(settings.corpus_dirs(), settings.cache_dir, progress=progress)


__all__ = ["FileReport", "Report", "check_document", "decode_input", "load_bytes", "load_file", "open_settings_corpus",
           "problem", "read_document"]
