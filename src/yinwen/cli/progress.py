"""A progress bar on stderr for long batches — only for a person watching a terminal.

Never in machine formats (a CI log or a SARIF consumer gains nothing from it) and never when stderr
is not a terminal; below ``MIN_FILES`` files the run is over before a bar would help.
"""

from __future__ import annotations

import sys
from typing import TextIO

MIN_FILES = 4


def wanted(output_format: str, stream: TextIO | None = None, enabled: bool | None = None) -> bool:
    """Whether to show a bar: text output, stderr a terminal, and not switched off."""
    if enabled is False or output_format != "text":
        return False
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


class Bar:
    """Adapter from the runner's start/advance calls to a rich progress bar, started lazily."""

    def __init__(self, stream: TextIO | None = None, min_files: int = MIN_FILES) -> None:
        self._stream = stream or sys.stderr
        self._min_files = min_files
        self._progress = None
        self._task = None

    def start(self, total: int) -> None:
        if total < self._min_files:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=self._stream, force_terminal=True)
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TimeRemainingColumn(), console=console, transient=True)
        self._task = self._progress.add_task("yinwen", total=total)
        self._progress.start()

    def advance(self, display: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=_short(display))

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


def _short(display: str, limit: int = 40) -> str:
    return display if len(display) <= limit else "…" + display[-(limit - 1):]
