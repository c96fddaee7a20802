"""Check a set of paths with one corpus: the work behind ``yinwen check``."""

from __future__ import annotations

import sys

from yinwen.cli.inputs import Input
from yinwen.config.settings import Settings
from yinwen.engine import FileReport, Report, check_document, internal_error, load_bytes, load_file, problem
from yinwen.engine import open_settings_corpus as open_settings_corpus  # moved down for the web page; callers import it here
from yinwen.text.document import Document


def open_with_bar(settings: Settings):
    """``open_settings_corpus`` with a progress bar while a first run builds the index and the lexicon
    (on a terminal only, never in CI). A run that builds the index builds the lexicon alongside, so
    the first check does not wait for it later."""
    from yinwen.cli.build_progress import LexiconAlongside, bar_wanted, stage_progress

    with stage_progress(bar_wanted()) as bar:
        progress = LexiconAlongside(bar)
        corpus = open_settings_corpus(settings, progress)
        progress.finish()
    return corpus


def check_paths(paths: list[str], settings: Settings, stdin_bytes: bytes | None = None, corpus=None,
                progress=None) -> Report:
    """Check every file under ``paths``. A named path that does not exist is a usage error; a file that
    cannot be checked is an input problem in its FileReport (both fail the run, see engine.Report).

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
    """One input checked; an input that cannot be read becomes its input problem, never an exception."""
    checked = _check_input(item, settings, corpus, report, stdin_bytes)
    checked.file = item.path
    return checked


def _check_input(item: Input, settings: Settings, corpus, report: Report, stdin_bytes: bytes | None) -> FileReport:
    try:
        loaded = _load(item, settings, stdin_bytes)
    except Exception as error:  # noqa: BLE001
        return FileReport(item.display, diagnostics=[internal_error(item.display, "reading", error)])
    if isinstance(loaded, FileReport):
        return loaded
    try:
        return check_document(loaded, corpus, settings)
    except Exception as error:  # noqa: BLE001
        return FileReport(item.display, diagnostics=[internal_error(item.display, "checking", error)], document=loaded)


def read_stdin(settings: Settings) -> bytes:
    """Standard input, read once per run and bounded like a file: an endless pipe must not exhaust
    memory. One more byte than the limit is read so that an over-size input is seen to be one."""
    return sys.stdin.buffer.read(settings.max_bytes + 1)


def _load(item: Input, settings: Settings, stdin_bytes: bytes | None) -> Document | FileReport:
    if item.path is None:
        data = stdin_bytes if stdin_bytes is not None else read_stdin(settings)
        if len(data) > settings.max_bytes:
            return problem(item.display, "YW003", settings, "stdin-too-large", limit=settings.max_bytes)
        return load_bytes(data, item.display, settings)
    return load_file(item.path, item.display, settings)
