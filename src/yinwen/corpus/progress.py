"""A progress display for index builds: a rich spinner with the stage and elapsed time on a terminal, nothing elsewhere."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

STAGES = {"reading": "读取语料 reading sources", "indexing": "建立索引 indexing", "writing": "写入缓存 writing cache"}


@contextlib.contextmanager
def stage_progress(enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """Yields a callback for ``open_corpus(progress=…)``; None when not on a terminal (CI logs stay clean)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                  transient=False) as progress:
        task = None

        def tell(stage: str) -> None:
            nonlocal task
            if task is not None:
                progress.update(task, completed=1, total=1)
            task = progress.add_task(STAGES.get(stage, stage), total=None)

        yield tell
        if task is not None:
            progress.update(task, completed=1, total=1)
