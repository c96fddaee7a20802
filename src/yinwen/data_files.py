"""Reading the user's data files — configs, baselines, formulation tables, corpus metadata — within limits.

A data file is read only when it is a regular file (a FIFO would block, ``/dev/zero`` never ends) and
no larger than its limit; it is parsed with its nesting depth bounded (TOML and JSON parsers recurse,
so ten thousand ``[`` used to end in a RecursionError) and with Python's limit on the digits of an
integer turned into a message. Every failure is a ``DataFileError`` whose message (a catalog Message,
in the run's language) is one line naming the file, for the caller to report.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path

from yinwen.messages import msg, os_reason

MAX_DEPTH = 32  # no yinwen file nests deeper than 4; 32 leaves room and stays far from the stack
MAX_CONFIG_BYTES = 4 * 1024 * 1024  # pyproject.toml, yinwen.toml, formulation tables
MAX_BASELINE_BYTES = 256 * 1024 * 1024  # a million findings fit in about 150 MB


class DataFileError(ValueError):
    """A data file that cannot be used; the message names the file and says why in one line."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; DataFileError otherwise."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, before any check.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DataFileError(msg("data-cannot-read", path=path, reason=os_reason(error))) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise DataFileError(msg("data-not-regular", path=path))
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise DataFileError(msg("data-cannot-read", path=path, reason=os_reason(error))) from None
    if len(data) > limit:
        raise DataFileError(msg("data-too-large", path=path, limit=limit))
    return data


def decode_utf8(data: bytes, origin: object) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(msg("data-not-utf8", path=origin, offset=error.start)) from None


def parse_toml(text: str, origin: object, max_depth: int = MAX_DEPTH) -> dict:
    """TOML as data; DataFileError for bad syntax, nesting deeper than ``max_depth`` or a giant number."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(msg("data-invalid", path=origin, kind="TOML", detail=error)) from None
    except RecursionError:
        raise DataFileError(msg("data-too-deep", path=origin, depth=max_depth)) from None
    except ValueError as error:  # int('9' * 5000): Python refuses integers of over 4300 digits
        raise DataFileError(msg("data-invalid", path=origin, kind="TOML", detail=_short(error))) from None
    check_depth(data, origin, max_depth)
    return data


def parse_json(text: str | bytes, origin: object, max_depth: int = MAX_DEPTH):
    """JSON as data; DataFileError for bad syntax, nesting deeper than ``max_depth`` or a giant number."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(msg("data-invalid", path=origin, kind="JSON", detail=error)) from None
    except RecursionError:
        raise DataFileError(msg("data-too-deep", path=origin, depth=max_depth)) from None
    except ValueError as error:
        raise DataFileError(msg("data-invalid", path=origin, kind="JSON", detail=_short(error))) from None
    check_depth(data, origin, max_depth)
    return data


def load_toml_file(path: Path, limit: int = MAX_CONFIG_BYTES) -> dict:
    return parse_toml(decode_utf8(read_limited(path, limit), path), path)


def check_depth(value, origin: object, max_depth: int = MAX_DEPTH) -> None:
    """Refuse structures nested deeper than ``max_depth`` (iteratively: the check must not recurse)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > max_depth:
                    raise DataFileError(msg("data-too-deep", path=origin, depth=max_depth))
                pending.append((child, depth + 1))


def _short(error: Exception) -> str:
    text = str(error).split("\n")[0]
    return text if len(text) <= 200 else text[:200] + "…"
