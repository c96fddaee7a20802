"""What every command shares: the language of its messages, choice options, one-line failures, stdout as UTF-8."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import NoReturn

import typer

from yinwen.messages import Message, msg, use_lang


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


def start(lang: str | None) -> str | None:
    """Set the language of this command's messages: --lang (any case) if given, else the locale's.
    Returns the --lang value as given, lower-cased (None when not given), for the config to override."""
    chosen = None
    if lang is not None:
        chosen = choice(lang, ("zh", "en"))
        if chosen is None:
            use_lang(default_lang())
            fail(msg("unknown-lang", value=repr(lang), choices="zh, en"))
    use_lang(chosen or default_lang())
    return chosen


def choice(value: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """A value of a fixed set matched without regard to case (--format JSON is json); None if none matches."""
    lowered = value.strip().lower()
    return lowered if lowered in choices else None


def format_option(value: str, choices: tuple[str, ...] | list[str]) -> str:
    """The --format value, or exit 2 naming the formats there are."""
    chosen = choice(value, choices)
    if chosen is None:
        fail(msg("unknown-format", value=repr(value), choices=", ".join(choices)))
    return chosen


def say(message: Message) -> None:
    """One line on stderr, in the run's language."""
    typer.echo(f"yinwen: {message}", err=True)


def fail(message: Message) -> NoReturn:
    say(message)
    raise typer.Exit(code=2)


def names(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeatable, comma-separated rule lists: --select YW101,YW102 --select misquote."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def drafts_settings(paths: list[str], corpus, extend_corpus, encoding: str | None, lang: str | None, config=None):
    """Settings for a command that checks drafts with only the corpus options (cite, corpus coverage): the
    config's corpus and extend-corpus apply, as they do for check. A bad config is one line and exit 2."""
    from yinwen.config.files import ConfigError, Overrides, settings_for

    overrides = Overrides(corpus=tuple(corpus) if corpus else None, extend_corpus=tuple(extend_corpus or ()),
                          encoding=encoding, lang=lang, default_lang=default_lang())
    try:
        settings = settings_for(paths, overrides, config_path=config)
    except ConfigError as error:
        fail(msg("config-error", error=error))
    use_lang(settings.lang)
    return settings
