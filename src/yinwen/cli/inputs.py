"""Expand the paths a user named into the files to check, in a stable order."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from yinwen.messages import Message, msg, os_reason

STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One file to check. ``named``: the user named it directly (errors are then usage errors)."""

    path: Path | None  # None for standard input
    display: str
    named: bool


def printable(name: str) -> str:
    """A file name as the report shows it: valid UTF-8 with nothing that moves the cursor.

    The OS hands over names as bytes; one that is not UTF-8 arrives with lone surrogates
    (``caf\udce9.txt``), which no report can encode, and a name may hold a newline or an escape
    sequence. Both are shown escaped (``caf\\xe9.txt``); the file itself is opened by its real name."""
    if name.isprintable():
        return name
    raw = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in raw)


def expand(paths: list[str], suffixes: tuple[str, ...]) -> tuple[list[Input], list[Message]]:
    """Files to check and one-line errors for named paths that do not exist."""
    inputs: list[Input] = []
    errors: list[Message] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input(None, "<stdin>", True))
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, suffixes, errors):
                key = os.path.realpath(found)
                if key not in seen:
                    seen.add(key)
                    inputs.append(Input(found, printable(found.as_posix()), False))
        elif path.exists() or path.is_symlink():
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                inputs.append(Input(path, printable(raw), True))
        else:
            errors.append(msg("no-such-path", path=printable(raw)))
    return inputs, errors


def _walk(root: Path, suffixes: tuple[str, ...], errors: list[Message] | None = None) -> list[Path]:
    """Text files under ``root``; hidden directories and symlinked directories are not entered.

    A directory that cannot be listed is an error, not silence: its drafts would go unchecked."""
    found: list[Path] = []

    def unlisted(error: OSError) -> None:
        if errors is not None:
            where = printable(Path(error.filename).as_posix() if error.filename else root.as_posix())
            errors.append(msg("cannot-list-dir", path=where, reason=os_reason(error)))

    for directory, subdirs, files in os.walk(root, followlinks=False, onerror=unlisted):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):  # ~$draft.docx: Word's lock file, not a draft
                continue
            if Path(name).suffix.lower() in suffixes:
                found.append(Path(directory) / name)
    return sorted(found, key=lambda p: p.as_posix())
