"""A progress bar for index builds on a terminal (rich): one bar per stage; nothing when not a terminal."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

STAGES = {"reading": "读取语料 reading sources", "indexing": "建立索引 indexing", "writing": "写入缓存 writing cache"}


@contextlib.contextmanager
def stage_progress(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """Yields a callback for ``open_corpus(progress=…)``; None when not on a terminal (CI logs stay clean)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                  console=console) as progress:
        tasks: dict[str, TaskID] = {}

        def tell(stage: str, done: int, total: int) -> None:
            for other, task in tasks.items():
                if other != stage:
                    progress.update(task, completed=progress.tasks[task].total)
            if stage not in tasks:
                tasks[stage] = progress.add_task(STAGES.get(stage, stage), total=max(total, 1))
            progress.update(tasks[stage], completed=done, total=max(total, 1))

        yield tell
