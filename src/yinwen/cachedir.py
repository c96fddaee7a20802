"""Where yinwen keeps what it builds (the corpus index, the word lexicon): one root for every cache."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "YINWEN_CACHE_DIR"


def cache_root(override: Path | None = None) -> Path:
    """The cache directory: ``override``, else $YINWEN_CACHE_DIR, else the user cache dir (platformdirs)."""
    if override is not None:
        return Path(override)
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("yinwen"))
