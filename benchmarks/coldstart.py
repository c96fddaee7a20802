"""A cold ``yinwen check`` of the seed against ``python -c pass``, as paired ratios (issue 17).

Each round runs the two back to back in fresh processes (index and lexicon cached, modules
byte-compiled, as after ``pip install``), so a busy moment slows both alike; the figure is the median
of the per-round ratios. Prints the medians, the ratio, the check's peak RSS (from wait4) and the
machine's load average, and which modules the check imports (``-X importtime``, self time).

    python benchmarks/coldstart.py [--rounds 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c8461ed9f15da83a.txt"


def env(cache: Path, src: Path) -> dict[str, str]:
    found = {**os.environ, "PYTHONPATH": str(src), "YINWEN_CACHE_DIR": str(cache)}
    found.pop("PYTHONDONTWRITEBYTECODE", None)
    return found


def timed(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one fresh process."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - began, usage.ru_maxrss / 1024


def import_table(environment: dict[str, str], top: int = 12) -> list[tuple[int, str]]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "yinwen", "check", str(SEED)], env=environment,
                            capture_output=True, text=True)
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            self_us, _, name = line[len("import time:"):].split("|")
            if self_us.strip().isdigit():
                rows.append((int(self_us), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--cache", type=Path, default=None, help="cache root (default: a fresh one, built first)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the yinwen sources to run (another checkout's src/)")
    args = parser.parse_args()
    cache = args.cache or Path(tempfile.mkdtemp(prefix="yinwen-cold-"))
    environment = env(cache, args.src)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(args.src / "yinwen")], env=environment, check=True)
    subprocess.run([sys.executable, "-m", "yinwen", "corpus", "build"], env=environment, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    check = [sys.executable, "-m", "yinwen", "check", str(SEED)]
    floor = [sys.executable, "-c", "pass"]
    timed(check, environment)
    load_before = os.getloadavg()
    ratios, checks, passes, peaks = [], [], [], []
    for _ in range(args.rounds):
        empty, _ = timed(floor, environment)
        spent, peak = timed(check, environment)
        ratios.append(spent / empty)
        checks.append(spent)
        passes.append(empty)
        peaks.append(peak)
    load_after = os.getloadavg()
    print(f"python -c pass          median {statistics.median(passes) * 1000:.0f} ms (fastest {min(passes) * 1000:.0f})")
    print(f"yinwen check seed        median {statistics.median(checks) * 1000:.0f} ms (fastest {min(checks) * 1000:.0f})")
    print(f"paired ratio             median {statistics.median(ratios):.1f}x (best {min(ratios):.1f}x, worst {max(ratios):.1f}x)")
    print(f"check peak RSS           median {statistics.median(peaks):.0f} MiB (max {max(peaks):.0f})")
    print(f"load average             before {load_before[0]:.2f}, after {load_after[0]:.2f} ({os.cpu_count()} cores)")
    print("largest imports (self time):")
    for micros, name in import_table(environment):
        print(f"  {micros / 1000:6.1f} ms  {name.strip()}")


if __name__ == "__main__":
    main()
