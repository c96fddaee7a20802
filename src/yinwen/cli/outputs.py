"""What ``check`` writes besides its report: ``--fix`` on text files (and standard input), ``--annotate``
copies, ``--html-report``.

Kept out of the check command so it stays wiring only. Every function returns messages for stderr;
failures the user must act on raise ``OutputError`` (the CLI turns it into exit code 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yinwen.config.settings import TEXT_SUFFIXES, Settings
from yinwen.engine import FileReport, Report
from yinwen.messages import Message, current_lang, msg, os_reason

STDIN_DISPLAY = "<stdin>"


class OutputError(Exception):
    """A requested output cannot be produced; the message (a catalog Message) is one line for the user."""


@dataclass
class FixOutcome:
    messages: list[Message] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)  # files that could not be fixed: they fail the run
    stdin_bytes: bytes | None = None  # the fixed standard input, to print instead of the report


def fix_files(report: Report, settings: Settings, corpus, annotating: bool = False,
              stdin_bytes: bytes | None = None) -> FixOutcome:
    """Apply the fixes the check offered to the .txt/.md files of ``report`` in place, and to standard
    input (whose fixed text is handed back, to be printed). A file that changed during the check, or
    cannot be written, is a problem (the run fails); the other files are still fixed."""
    from yinwen.report.fixes import encode_like, fix_document, write_text_file
    from yinwen.safe_write import TargetChanged, WriteError

    outcome = FixOutcome()
    for file in report.files:
        document = file.document
        if document is None:
            continue
        is_stdin = file.path == STDIN_DISPLAY
        if not is_stdin and Path(file.path).suffix.lower() not in TEXT_SUFFIXES:
            if Path(file.path).suffix.lower() == ".docx" and not annotating:
                outcome.messages.append(msg("fix-docx-untouched", path=file.path))
            continue
        result = fix_document(document, corpus, settings, file.diagnostics)
        if is_stdin:
            outcome.stdin_bytes = encode_like(stdin_bytes or b"", result.text, document.encoding) \
                if result.changed else (stdin_bytes or b"")
        elif result.changed:
            try:
                write_text_file(file_path(file), result.text, document, settings.encoding)
            except TargetChanged:
                outcome.problems.append(msg("fix-target-changed", path=file.path))
                continue
            except WriteError as error:
                outcome.problems.append(msg("fix-cannot-write", path=file.path, detail=error))
                continue
        if result.changed:
            outcome.messages.append(msg("fix-applied", path=file.path, count=len(result.applied)))
            outcome.messages += [_fixed_line(file.path, offer) for offer in result.applied]
        if result.withdrawn:
            outcome.messages.append(msg("fix-withdrawn", path=file.path, count=len(result.withdrawn)))
        if result.unencodable:
            outcome.messages.append(msg("fix-unencodable", path=file.path, count=len(result.unencodable),
                                        encoding=document.encoding))
    return outcome


def file_path(file: FileReport) -> Path:
    """The file a report is about, as the OS named it (the display name may be escaped for printing)."""
    return file.file if file.file is not None else Path(file.path)


def _fixed_line(path: str, offer) -> Message:
    """Where a fix went and whose wording it took: the same citation every other output shows."""
    finding = offer.diagnostic
    where = f"{path}:{finding.span.line}:{finding.span.column}"
    if finding.source is None or not finding.source.citation():
        return msg("fix-at", where=where)
    return msg("fix-from-source", where=where, source=finding.source.citation())


def annotate(report: Report, target: Path, settings: Settings, corpus, fix: bool) -> list[Message]:
    """Write the annotated copy of the one .docx in ``report``; messages for stderr."""
    from yinwen.formats.annotate import AnnotateError, annotate_docx
    from yinwen.formats.errors import InputError
    from yinwen.report.fixes import offers

    docx_files = [f for f in report.files if Path(f.path).suffix.lower() == ".docx"]
    readable = [f for f in docx_files if f.document is not None]
    if len(docx_files) == 1 and not readable:
        raise OutputError(msg("annotate-unreadable", path=docx_files[0].path, reason=_why_unread(docx_files[0])))
    if len(readable) != 1:
        raise OutputError(msg("annotate-needs-one", count=len(readable)))
    if target.suffix.lower() != ".docx":
        raise OutputError(msg("annotate-not-docx", path=target))
    file: FileReport = readable[0]
    fixes = _docx_fixes(file, corpus, settings) if fix else []
    try:
        result = annotate_docx(file_path(file), target, file.document.text, list(file.diagnostics), settings.lang, fixes,
                               offered=offers(file.document, file.diagnostics))
    except AnnotateError as error:
        raise OutputError(msg("annotate-failed", reason=error)) from None
    except InputError as error:
        reason = error.message_en if current_lang() == "en" else error.message
        raise OutputError(msg("annotate-unreadable", path=file.path, reason=reason)) from None
    except OSError as error:
        raise OutputError(msg("output-cannot-write", option="--annotate", path=target, reason=os_reason(error))) from None
    messages = [msg("annotate-written", path=target, comments=result.comments, fixes=result.tracked_fixes)]
    if result.skipped:
        messages.append(msg("annotate-skipped", path=target, count=result.skipped))
    return messages


def _why_unread(file: FileReport) -> str:
    """The input problem that kept a file from being read, in the run's language."""
    lang = current_lang()
    found = [d for d in file.diagnostics if d.span is None]
    if found:
        return f"{found[0].code} {found[0].text(lang)}"
    return msg("annotate-ignored-problem").text(lang)


def _docx_fixes(file: FileReport, corpus, settings: Settings) -> list:
    from yinwen.report.fixes import fix_document

    return fix_document(file.document, corpus, settings, file.diagnostics).applied


def write_html(report: Report, target: Path, options) -> list[Message]:
    from yinwen.report.html import render
    from yinwen.safe_write import write_atomic

    try:
        write_atomic(target, render(report, options).encode("utf-8"))
    except OSError as error:
        raise OutputError(msg("output-cannot-write", option="--html-report", path=target, reason=os_reason(error))) from None
    return [msg("html-written", path=target)]
