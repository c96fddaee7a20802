"""The first run after install (issue 17): ``yinwen corpus build`` and ``yinwen check`` of the seed,
each in an empty cache, as fresh processes; optionally paired round by round with another checkout.

Prints per command the median and fastest wall time and the peak RSS (from wait4), and the machine's
load average. Pairing (``--src`` of another checkout, e.g. a worktree of an older commit) runs the two
back to back in every round, so a busy moment slows both alike.

    python benchmarks/first_run.py [--rounds 5] [--other ../old/src]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coldstart import ROOT, SEED, env, timed  # noqa: E402

COMMANDS = {"corpus build": ["corpus", "build"], "check seed": ["check", str(SEED)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--other", type=Path, default=None, help="another checkout's src/ to pair with")
    args = parser.parse_args()
    checkouts = {"this checkout": ROOT / "src"} | ({"other": args.other} if args.other else {})
    for src in checkouts.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "yinwen")], check=True)
    figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
    load_before = os.getloadavg()
    for _ in range(args.rounds):
        for command, arguments in COMMANDS.items():
            for label, src in checkouts.items():
                cache = Path(tempfile.mkdtemp(prefix="yinwen-first-"))
                try:
                    figures.setdefault((command, label), []).append(
                        timed([sys.executable, "-m", "yinwen", *arguments], env(cache, src)))
                finally:
                    shutil.rmtree(cache, ignore_errors=True)
    load_after = os.getloadavg()
    for (command, label), runs in figures.items():
        seconds = [run[0] for run in runs]
        peaks = [run[1] for run in runs]
        print(f"{command:13} {label:14} median {statistics.median(seconds):.2f} s (fastest {min(seconds):.2f}),"
              f" peak RSS median {statistics.median(peaks):.0f} MiB (max {max(peaks):.0f})")
    print(f"load average  before {load_before[0]:.2f}, after {load_after[0]:.2f} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
