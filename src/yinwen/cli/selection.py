"""Which found files to check (include/exclude globs, .gitignore) and which rules to drop per file.

Globs use gitignore syntax (the ``pathspec`` package) relative to the config file's directory, so
``exclude = ["archive/"]`` means what it would in a .gitignore. Files found by walking a directory
are filtered; a file named on the command line is always checked unless ``force-exclude`` is set
(pre-commit names every staged file, and the hook sets it so excluded files stay excluded).
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from yinwen.cli.inputs import Input, expand
from yinwen.config.settings import Settings
from yinwen.engine import FileReport

NEVER_IGNORED = frozenset({"YW000"})


def _spec(patterns: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def relative_to_root(path: Path, settings: Settings) -> str | None:
    """The path relative to the config root in POSIX form, or None when it lies outside."""
    root = (settings.root or Path.cwd()).resolve()
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return None


def filter_inputs(inputs: list[Input], settings: Settings) -> list[Input]:
    """Drop the inputs excluded by config globs or by .gitignore."""
    if not (settings.include or settings.exclude or settings.respect_gitignore):
        return inputs
    include = _spec(settings.include) if settings.include else None
    exclude = _spec(settings.exclude) if settings.exclude else None
    kept = []
    for item in inputs:
        if item.path is None or (item.named and not settings.force_exclude):
            kept.append(item)
            continue
        relative = relative_to_root(item.path, settings) or item.path.as_posix()
        if exclude is not None and exclude.match_file(relative):
            continue
        if include is not None and not item.named and not include.match_file(relative):
            continue
        if settings.respect_gitignore and gitignored(Path(os.path.abspath(item.path))):
            continue
        kept.append(item)
    return kept


def gitignored(path: Path) -> bool:
    """True when a .gitignore between the repository root and the file ignores it."""
    top = _repository_root(path.parent)
    if top is None:
        return False
    directory = path.parent
    chain = [directory, *directory.parents]
    for ancestor in reversed(chain[: chain.index(top) + 1]):
        spec = _gitignore_spec(ancestor)
        if spec is None:
            continue
        relative = path.relative_to(ancestor).as_posix()
        if spec.match_file(relative):
            return True
    return False


@lru_cache(maxsize=256)
def _repository_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@lru_cache(maxsize=256)
def _gitignore_spec(directory: Path):
    """The .gitignore of ``directory``, or None. Like git, a line that is no valid pattern ("!") is skipped."""
    from yinwen.data_files import MAX_CONFIG_BYTES, DataFileError, read_limited

    file = directory / ".gitignore"
    if not file.is_file():
        return None
    try:
        lines = tuple(line.rstrip("\r") for line in read_limited(file, MAX_CONFIG_BYTES).decode("utf-8").split("\n"))
    except (DataFileError, UnicodeDecodeError):
        return None
    try:
        return _spec(lines)
    except Exception:  # noqa: BLE001 - pathspec raises several types for a bad pattern
        return _spec(tuple(line for line in lines if _valid(line)))


def _valid(pattern: str) -> bool:
    try:
        _spec((pattern,))
    except Exception:  # noqa: BLE001
        return False
    return True


def select_inputs(paths: list[str], settings: Settings) -> tuple[list[Input], list[str]]:
    """The files a run checks and the errors for named paths: one selection for --jobs 1 and --jobs N."""
    inputs, errors = expand(paths, settings.suffixes)
    return filter_inputs(inputs, settings), errors


def apply_per_file_ignores(file: FileReport, path: Path | None, settings: Settings) -> FileReport:
    """Drop the codes that ``per-file-ignores`` names for this file."""
    if not settings.per_file_ignores or path is None:
        return file
    relative = relative_to_root(path, settings) or path.as_posix()
    ignored: set[str] = set()
    for pattern, codes in settings.per_file_ignores:
        if _spec((pattern,)).match_file(relative):
            ignored |= codes
    ignored -= NEVER_IGNORED
    if not ignored:
        return file
    return replace(file, diagnostics=[d for d in file.diagnostics if d.code not in ignored])
