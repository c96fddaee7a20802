"""What every command shares: the language default, rule-name lists, one-line failures, stdout as UTF-8."""

from __future__ import annotations

import os
import sys
from enum import Enum

import typer


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def format_names() -> list[str]:
    from yinwen.report import FORMATS

    return list(FORMATS)


def default_lang() -> str:
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "zh"


def fail(message: str) -> None:
    typer.echo(f"yinwen: {message}", err=True)
    raise typer.Exit(code=2)


def names(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeatable, comma-separated rule lists: --select YW101,YW102 --select misquote."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())



def out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
