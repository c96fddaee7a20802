"""Start the real ``yinwen serve`` in a child process for a test (or a script), and stop it again."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

# Launch flags that work on this machine kind: no sandbox (root in a container), no GPU, and nothing
# Chromium would fetch by itself (QUIC probes, component updates, sync, first-run pages).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
URL = re.compile(r"(http://127\.0\.0\.1:\d+/)")


@contextlib.contextmanager
def served(*args: str, timeout: float = 120, log: list[str] | None = None) -> Iterator[str]:
    """Run ``yinwen serve --no-browser --port 0 ARGS`` and yield its URL; Ctrl+C (SIGINT) stops it.
    ``log``, when given, receives every line the server writes to stderr."""
    process = subprocess.Popen([sys.executable, "-m", "yinwen", "serve", "--no-browser", "--port", "0", *args],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=os.environ.copy())
    lines: list[str] = log if log is not None else []
    found = threading.Event()

    def read() -> None:
        for line in process.stderr:  # type: ignore[union-attr]
            lines.append(line)
            if URL.search(line):
                found.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not found.wait(timeout):
            raise RuntimeError("yinwen serve did not start: " + "".join(lines))
        yield URL.search("".join(lines)).group(1)  # type: ignore[union-attr]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
