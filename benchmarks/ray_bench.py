"""Ray on this machine: 1 vs 2 checker workers (``--ray local --workers N``) and one index vs 2 shards
(``--shards 2``), each a fresh ``yinwen check`` process writing JSON, against ``--jobs 1``.

    python benchmarks/ray_bench.py [--copies 10]

Prints wall time per configuration, whether its JSON equals ``--jobs 1``'s byte for byte, the cost of
starting a local Ray instance alone, and the load average. Needs ``pip install "yinwen[ray]"``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "tests" / "fixtures" / "real-drafts"


def run(args: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "yinwen", "check", "--format", "json", *args], env=env,
                            capture_output=True)
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr.decode("utf-8", "replace")[-2000:])
    return time.perf_counter() - began, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=10, help="copies of the 23 real drafts for the worker runs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="yinwen-ray-bench-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "YINWEN_CACHE_DIR": str(work / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    batch = work / "batch"
    for copy in range(args.copies):
        shutil.copytree(DRAFTS, batch / f"copy{copy}")
    try:
        subprocess.run([sys.executable, "-m", "yinwen", "corpus", "build"], env=env, check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "yinwen", "corpus", "build", "--shards", "2"], env=env, check=True,
                       capture_output=True)
        load = os.getloadavg()
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import ray; ray.init(include_dashboard=False); ray.shutdown()"],
                       env=env, check=True, capture_output=True)
        ray_start = time.perf_counter() - began
        files = len(list(batch.rglob("*.txt")))
        rows = []
        base_time, base = run(["--jobs", "1", str(batch)], env)
        rows.append((f"{files} drafts, --jobs 1 (one process)", base_time, True))
        for workers in (1, 2):
            spent, out = run(["--ray", "local", "--workers", str(workers), str(batch)], env)
            rows.append((f"{files} drafts, --ray local --workers {workers}", spent, out == base))
        one_time, one = run([str(DRAFTS)], env)
        rows.append((f"{len(list(DRAFTS.glob('*.txt')))} drafts, one index", one_time, True))
        spent, out = run(["--shards", "2", str(DRAFTS)], env)
        rows.append((f"{len(list(DRAFTS.glob('*.txt')))} drafts, --shards 2 (2 shard actors)", spent, out == one))
        print("| configuration | wall | same JSON |")
        print("|---|---|---|")
        for label, spent, same in rows:
            print(f"| {label} | {spent:.1f} s | {'yes' if same else 'NO'} |")
        print(f"\nstarting (and stopping) a local Ray instance alone: {ray_start:.1f} s")
        print(f"load average before: {load[0]:.2f}, after: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
