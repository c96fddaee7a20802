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
from dataclasses import dataclass, field
from pathlib import Path

# Launch flags that work on this machine kind: no sandbox (root in a container), no GPU, and nothing
# Chromium would fetch by itself (QUIC probes, component updates, sync, first-run pages).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
URL = re.compile(r"(http://127\.0\.0\.1:\d+/)")


@dataclass
class Server:
    url: str
    pid: int
    log: list[str] = field(default_factory=list)  # every line the server wrote to stderr so far

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used (Linux /proc), for benchmarks."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def served(*args: str, timeout: float = 120) -> Iterator[Server]:
    """Run ``yinwen serve --no-browser --port 0 ARGS`` until the block ends (then Ctrl+C, i.e. SIGINT)."""
    process = subprocess.Popen([sys.executable, "-m", "yinwen", "serve", "--no-browser", "--port", "0", *args],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=os.environ.copy())
    lines: list[str] = []
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
        yield Server(URL.search("".join(lines)).group(1), process.pid, lines)  # type: ignore[union-attr]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
