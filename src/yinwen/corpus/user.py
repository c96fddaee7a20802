"""The user corpus: sources added with ``yinwen corpus add``, checked together with the bundled ones."""

from __future__ import annotations

import os
from pathlib import Path

USER_CORPUS_ENV = "YINWEN_USER_CORPUS"


def user_corpus_dir() -> Path:
    """Where ``yinwen corpus add`` writes sources ($YINWEN_USER_CORPUS, else the user data dir)."""
    override = os.environ.get(USER_CORPUS_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("yinwen")) / "corpus"


def user_corpus_if_any() -> list[Path]:
    """The user corpus as an extra corpus directory, when ``corpus add`` has put anything there."""
    directory = user_corpus_dir()
    try:
        if directory.is_dir() and any(p.suffix == ".txt" for p in directory.iterdir()):
            return [directory]
    except OSError:
        pass
    return []


def default_dirs(dirs: list[Path] | None) -> list[Path]:
    from yinwen.resources import bundled_corpus_dir

    return list(dirs) if dirs else [bundled_corpus_dir()] + user_corpus_if_any()
