"""What ``check`` writes besides its report: ``--fix`` on text files, ``--annotate`` copies, ``--html-report``.

Kept out of cli.py so the command stays wiring only. Every function returns one-line messages for
stderr; failures the user must act on raise ``OutputError`` (the CLI turns it into exit code 2).
"""

from __future__ import annotations

from pathlib import Path

from yinwen.config.settings import TEXT_SUFFIXES, Settings
from yinwen.engine import FileReport, Report


class OutputError(Exception):
    """A requested output cannot be produced; the message is one line for the user."""


def fix_files(report: Report, settings: Settings, corpus, annotating: bool = False) -> tuple[list[str], list[str]]:
    """Apply unambiguous fixes to the .txt/.md files of ``report`` in place.

    Returns messages for stderr and problems (a file that could not be fixed: it changed during the
    check, or cannot be written), which fail the run; the other files are still fixed."""
    from yinwen.report.fixes import fix_document, write_text_file
    from yinwen.safe_write import WriteError

    zh = settings.lang != "en"
    messages: list[str] = []
    problems: list[str] = []
    for file in report.files:
        document = file.document
        if document is None or file.path == "<stdin>":
            continue
        if Path(file.path).suffix.lower() not in TEXT_SUFFIXES:
            if Path(file.path).suffix.lower() == ".docx" and not annotating:
                messages.append(f"{file.path}：.docx 不会被改写；修改建议请用 --annotate 输出到副本（修订模式）" if zh else
                                f"{file.path}: a .docx is never rewritten; use --annotate to get the fixes as tracked changes")
            continue
        result = fix_document(document, corpus, settings, file.diagnostics)
        if result.changed:
            try:
                write_text_file(file_path(file), result.text, document, settings.encoding)
            except WriteError as error:
                problems.append(f"--fix {error}")
                continue
            messages.append(f"{file.path}：已按原文修正 {len(result.applied)} 处" if zh else
                            f"{file.path}: fixed {len(result.applied)} quotation(s) to the source wording")
            messages += [_fixed_line(file.path, fix, zh) for fix in result.applied]
        if result.withdrawn:
            messages.append(f"{file.path}：{len(result.withdrawn)} 处修正会引出新问题，未采用" if zh else
                            f"{file.path}: {len(result.withdrawn)} fix(es) not applied (the result would not check clean)")
        if result.unencodable:
            messages.append(f"{file.path}：{len(result.unencodable)} 处修正无法用该文件的编码（{document.encoding}）写出，未采用"
                            if zh else f"{file.path}: {len(result.unencodable)} fix(es) not applied "
                            f"(the file's encoding, {document.encoding}, cannot hold the source wording)")
    return messages, problems


def file_path(file: FileReport) -> Path:
    """The file a report is about, as the OS named it (the display name may be escaped for printing)."""
    return file.file if file.file is not None else Path(file.path)


def _fixed_line(path: str, fix, zh: bool) -> str:
    """Where a fix went and whose wording it took: the same citation every other output shows."""
    where = f"{path}:{fix.span.line}:{fix.span.column}"
    if fix.source is None:
        return f"  {where}"
    return f"  {where} 依据 {fix.source.citation()}" if zh else f"  {where} after {fix.source.citation()}"


def annotate(report: Report, target: Path, settings: Settings, corpus, fix: bool) -> list[str]:
    """Write the annotated copy of the one .docx in ``report``; messages for stderr."""
    from yinwen.formats.annotate import AnnotateError, annotate_docx
    from yinwen.formats.errors import InputError

    docx_files = [f for f in report.files if Path(f.path).suffix.lower() == ".docx" and f.document is not None]
    if len(docx_files) != 1:
        raise OutputError(f"--annotate needs exactly one readable .docx draft (got {len(docx_files)})")
    if target.suffix.lower() != ".docx":
        raise OutputError(f"--annotate {target}: the annotated copy must be a .docx file")
    file: FileReport = docx_files[0]
    fixes = _docx_fixes(file, corpus, settings) if fix else []
    try:
        result = annotate_docx(file_path(file), target, file.document.text, list(file.diagnostics), settings.lang, fixes)
    except (AnnotateError, InputError) as error:
        raise OutputError(f"--annotate: {getattr(error, 'message_en', None) or error}") from None
    except OSError as error:
        raise OutputError(f"--annotate: {error.strerror or error}") from None
    if settings.lang == "en":
        note = f"{target}: {result.comments} comment(s), {result.tracked_fixes} tracked fix(es)"
        return [note + (f"; {result.skipped} finding(s) outside the body text not annotated" if result.skipped else "")]
    note = f"{target}：批注 {result.comments} 条，修订 {result.tracked_fixes} 处"
    return [note + (f"；{result.skipped} 处问题不在正文（页眉、脚注等），未加批注" if result.skipped else "")]


def _docx_fixes(file: FileReport, corpus, settings: Settings) -> list:
    from yinwen.report.fixes import fix_document

    return fix_document(file.document, corpus, settings, file.diagnostics).applied


def write_html(report: Report, target: Path, options) -> list[str]:
    from yinwen.report.html import render
    from yinwen.safe_write import write_atomic

    try:
        write_atomic(target, render(report, options).encode("utf-8"))
    except OSError as error:
        raise OutputError(f"--html-report: {error.strerror or error}") from None
    return [f"{target}：HTML 报告已写出" if options.lang != "en" else f"{target}: HTML report written"]
