"""Staging directories for index builds, named so that one left by a dead build can be told apart.

A build writes into ``<index>.tmp-<host>-<pid>-<random>`` and renames it into place. A build killed
with -9 leaves its staging behind (tens to hundreds of megabytes); the next build removes it: at once
when it is for the same index (the builder holds that index's lock, so no other build can be using
it) or when its process is gone on this host, else once it is a day old (another host, on a shared cache).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

STALE_AFTER_S = 86400.0


def _host() -> str:
    return os.uname().nodename.replace("-", "_") or "host"


def make_staging(target: Path, kind: str = "tmp") -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{target.name}.{kind}-{_host()}-{os.getpid()}-", dir=target.parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _is_dead(name: str, now: float, path: Path) -> bool:
    rest = name.split(".tmp-", 1)[1] if ".tmp-" in name else name.split(".old-", 1)[1]
    parts = rest.split("-")  # host, pid, mkdtemp's random letters (never a "-")
    if len(parts) == 3 and parts[1].isdigit() and parts[0] == _host():
        return not _alive(int(parts[1]))
    try:
        return now - path.stat().st_mtime > STALE_AFTER_S
    except OSError:
        return False


def remove_dead_staging(parent: Path, locked_name: str | None) -> list[str]:
    """Remove staging directories of dead builds under ``parent``; ``locked_name``: the index whose
    lock the caller holds (its staging directories are all dead). Returns the names removed."""
    removed = []
    now = time.time()
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if ".tmp-" not in name and ".old-" not in name or not entry.is_dir():
            continue
        mine = locked_name is not None and name.startswith(f"{locked_name}.tmp-")
        if mine or _is_dead(name, now, entry):
            with contextlib.suppress(OSError):
                shutil.rmtree(entry)
                removed.append(name)
    return removed
