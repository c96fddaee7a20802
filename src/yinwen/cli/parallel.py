"""``yinwen check --jobs N``: check many files in N worker processes that share one memory-mapped index.

The index is opened (or built) once in the parent before any worker starts, so workers never race
to build it. With the ``fork`` start method the workers inherit the parent's mapping; with ``spawn``
each worker memory-maps the same cached files, so the pages are shared through the OS page cache
either way and memory does not grow with N. Results come back in input order (``Executor.map``
keeps it), so the report is byte-for-byte the one ``--jobs 1`` produces.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from yinwen.cli.inputs import Input
from yinwen.cli.runner import check_input, open_settings_corpus
from yinwen.cli.selection import apply_per_file_ignores, select_inputs
from yinwen.config.settings import Settings
from yinwen.engine import FileReport, Report

_worker_state: dict[str, object] = {}


def effective_jobs(jobs: int) -> int:
    """``0`` means one process per core."""
    return max(1, jobs if jobs > 0 else (os.cpu_count() or 1))


def _init_worker(settings: Settings, corpus) -> None:
    _worker_state["settings"] = settings
    _worker_state["corpus"] = corpus if corpus is not None else open_settings_corpus(settings)


def _warm_up() -> None:
    """Import the rules and load the segmenter once in the parent, so forked workers inherit them
    instead of each paying for them."""
    from yinwen.rules import registry
    from yinwen.text.segment import _cutter

    registry()
    try:
        _cutter()
    except Exception:  # noqa: BLE001 - a worker will report the same problem as a diagnostic
        pass


def _check_one(item: Input) -> tuple[FileReport, list]:
    settings = _worker_state["settings"]
    corpus = _worker_state["corpus"]
    stub = Report([])  # collects the usage errors of this one input
    result = check_input(item, settings, corpus, stub, None)  # type: ignore[arg-type]
    return apply_per_file_ignores(result, item.path, settings), stub.usage_errors  # type: ignore[arg-type]


def check_paths_parallel(paths: list[str], settings: Settings, jobs: int, stdin_bytes: bytes | None = None,
                         corpus=None) -> Report:
    """Same contract and same result as ``runner.check_paths``, with files spread over ``jobs`` processes."""
    inputs, errors = select_inputs(paths, settings)
    if corpus is None:
        corpus = open_settings_corpus(settings)
    report = Report([], len(corpus.sources), corpus.chars, corpus.fingerprint, usage_errors=list(errors))
    workers = min(effective_jobs(jobs), len(inputs))
    files = [item for item in inputs if item.path is not None]
    if workers <= 1 or len(files) <= 1:
        for item in inputs:
            report.files.append(apply_per_file_ignores(check_input(item, settings, corpus, report, stdin_bytes),
                                                        item.path, settings))
        return report
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    inherited = corpus if context.get_start_method() == "fork" else None
    if inherited is not None:
        _warm_up()
        # Objects the parent already has stay out of the workers' garbage collections, so the collector
        # does not touch (and copy-on-write) every inherited page.
        gc.freeze()
    # Small chunks keep the processes busy when file sizes differ; order is preserved regardless.
    chunk = max(1, len(files) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(settings, inherited)) as pool:
        results = iter(pool.map(_check_one, files, chunksize=chunk))
        for item in inputs:
            if item.path is None:  # stdin is read here, in the parent
                report.files.append(apply_per_file_ignores(check_input(item, settings, corpus, report, stdin_bytes),
                                                            item.path, settings))
                continue
            result, usage = next(results)
            report.usage_errors.extend(usage)
            report.files.append(result)
    return report
