"""Where yinwen keeps what it builds (the corpus index, the word lexicon): one root for every cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ENV = "YINWEN_CACHE_DIR"
_chosen: Path | None = None


def use_cache_root(root: Path | None) -> None:
    """Make ``root`` (``--cache-dir``, ``cache-dir`` in a config) the root of every cache this process
    opens, the word lexicon included, which is reached from deep inside a rule; None: back to the default."""
    global _chosen
    _chosen = Path(root) if root is not None else None


def cache_root(override: Path | None = None) -> Path:
    """The cache directory: ``override``, else the one chosen with ``use_cache_root``, else
    $YINWEN_CACHE_DIR, else the user cache dir (platformdirs)."""
    if override is not None:
        return Path(override)
    if _chosen is not None:
        return _chosen
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("yinwen"))


_noted: set[str] = set()


def note_unwritable(where: Path, error: OSError) -> None:
    """Say once per process that the cache cannot be written (read-only, full, or a file in the way):
    what would be cached is then kept in memory for this run, which costs time on every run."""
    root = str(cache_root())
    if root in _noted:
        return
    _noted.add(root)
    from yinwen.messages import msg, os_reason

    sys.stderr.write(f"yinwen: {msg('cache-unwritable', path=where, reason=os_reason(error), env=CACHE_ENV)}\n")
