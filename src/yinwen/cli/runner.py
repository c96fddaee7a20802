"""Check a set of paths with one corpus: the work behind ``yinwen check``."""

from __future__ import annotations

import sys

from yinwen.cli.inputs import Input
from yinwen.config.settings import Settings
from yinwen.diagnostics import Severity
from yinwen.engine import FileReport, Report, _problem, check_document, internal_error, load_bytes, load_file
from yinwen.engine import open_settings_corpus as open_settings_corpus  # moved down for the web page; callers import it here
from yinwen.text.document import Document


def open_with_bar(settings: Settings):
    """``open_settings_corpus`` with a progress bar while a first run builds the index and the lexicon
    (on a terminal only, never in CI)."""
    from yinwen.cli.build_progress import bar_wanted, prepare_lexicon, stage_progress

    with stage_progress(bar_wanted()) as bar:
        corpus = open_settings_corpus(settings, bar)
        if bar is not None and bar.used:
            prepare_lexicon(bar)
    return corpus


def check_paths(paths: list[str], settings: Settings, stdin_bytes: bytes | None = None, corpus=None,
                progress=None) -> Report:
    """Check every file under ``paths``; unreadable named paths become usage errors (exit 2).

    ``progress`` (see progress.py), when given, hears the number of files and each one finished.
    """
    from yinwen.cli.selection import apply_per_file_ignores, select_inputs

    inputs, errors = select_inputs(paths, settings)
    if corpus is None:
        corpus = open_settings_corpus(settings)
    report = Report([], len(corpus.sources), corpus.chars, corpus.fingerprint, usage_errors=list(errors))
    if progress is not None:
        progress.start(len(inputs))
    for item in inputs:
        checked = check_input(item, settings, corpus, report, stdin_bytes)
        report.files.append(apply_per_file_ignores(checked, item.path, settings))
        if progress is not None:
            progress.advance(item.display)
    return report


def check_input(item: Input, settings: Settings, corpus, report: Report, stdin_bytes: bytes | None) -> FileReport:
    checked = _check_input(item, settings, corpus, report, stdin_bytes)
    checked.file = item.path
    return checked


def _check_input(item: Input, settings: Settings, corpus, report: Report, stdin_bytes: bytes | None) -> FileReport:
    try:
        loaded = _load(item, settings, stdin_bytes)
    except OSError as error:
        message = f"{item.display}: cannot read: {error.strerror or error}"
        if item.named:
            report.usage_errors.append(message)
            return FileReport(item.display)
        return _problem(item.display, "YW001", f"无法读取：{error.strerror or error}", message, Severity.ERROR, settings)
    except Exception as error:  # noqa: BLE001
        return FileReport(item.display, diagnostics=[internal_error(item.display, "reading", error)])
    if isinstance(loaded, FileReport):
        return loaded
    try:
        return check_document(loaded, corpus, settings)
    except Exception as error:  # noqa: BLE001
        return FileReport(item.display, diagnostics=[internal_error(item.display, "checking", error)], document=loaded)


def _load(item: Input, settings: Settings, stdin_bytes: bytes | None) -> Document | FileReport:
    if item.path is None:
        # Bounded like a file: an endless pipe must not exhaust memory.
        data = stdin_bytes if stdin_bytes is not None else sys.stdin.buffer.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            return _problem(item.display, "YW003", f"标准输入超过上限 {settings.max_bytes} 字节，已跳过",
                            f"standard input is over the {settings.max_bytes}-byte limit; skipped", Severity.WARNING, settings)
        return load_bytes(data, item.display, settings)
    return load_file(item.path, item.display, settings, named=item.named)
