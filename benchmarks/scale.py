"""Build and query generated corpora of any size, streamed: the text is written to many small JSONL
files one source at a time and the index is built from them in a fresh process, so neither step ever
holds the corpus in memory. Prints, per corpus: characters, build time, peak RSS of the build, index
bytes per corpus character, and CPU per quote (p50/p95) of the candidate search, with the recall of
the true source, against the bundled corpus as the baseline.

    python benchmarks/scale.py                         bundled + generated 200 M (the 1.5× check)
    python benchmarks/scale.py --chars 500e6 --keep    one run of 500 M characters (takes long)

Not part of the test suite. A corpus already generated in --workdir is reused.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

SENTENCE_END = re.compile(r"(?<=[。！？；])")
FILE_CHARS = 4_000_000  # each JSONL file: a source reader holds one file at a time

BUILD_CHILD = """
import json, resource, sys, time
from pathlib import Path
from yinwen.corpus.store import open_corpus
started = time.perf_counter()
corpus = open_corpus([Path(sys.argv[2])], Path(sys.argv[1]), rebuild=True)
print(json.dumps({"seconds": time.perf_counter() - started, "chars": corpus.chars, "sources": len(corpus.sources)}))
"""

QUERY_CHILD = """
import json, random, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from yinwen.corpus.store import open_corpus
from yinwen.match.candidates import search
from bench import sample_quotes, percentile
dirs = [Path(p) for p in sys.argv[4:]]
corpus = open_corpus(dirs, Path(sys.argv[1]))
quotes = sample_quotes(corpus, int(sys.argv[2]), random.Random(5))
for quote, *_ in quotes[:20]:
    search(corpus, quote)  # touch the pages once: the figures are for an index in the page cache
cpu, right = [], 0
for quote, start, end, _ in quotes:
    began = time.process_time()
    found = search(corpus, quote)
    cpu.append(time.process_time() - began)
    if found:
        best = found[0]
        right += (best.start < end and start < best.end) or corpus.norm_text(best.start, best.end) == corpus.norm_text(start, end)
print(json.dumps({"p50_ms": 1000 * percentile(cpu, 0.5), "p95_ms": 1000 * percentile(cpu, 0.95),
                  "mean_ms": 1000 * sum(cpu) / len(cpu), "recall": right / len(quotes)}))
"""


def sentences() -> list[str]:
    from yinwen.corpus.sources import iter_sources
    from yinwen.resources import bundled_corpus_dir

    found: list[str] = []
    for source in iter_sources([bundled_corpus_dir()]):
        for paragraph in source.paragraphs:
            found.extend(s for s in SENTENCE_END.split(paragraph) if len(s) >= 4)
    return found


def generate(target: Path, chars: int, seed: int = 1) -> int:
    """About ``chars`` characters of speech-like sources, one record at a time, ~4 M per file."""
    done = target / "DONE"
    if done.exists():
        return int(done.read_text())
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    pool = sentences()
    rng = random.Random(seed)
    written = number = in_file = part = 0
    out = (target / f"part-{part:05d}.jsonl").open("w", encoding="utf-8")
    while written < chars:
        size = rng.randrange(1000, 6000)
        paragraphs, current, length = [], [], 0
        while length < size:
            sentence = pool[rng.randrange(len(pool))]
            current.append(sentence)
            length += len(sentence)
            if len(current) >= rng.randrange(3, 9):
                paragraphs.append("".join(current))
                current = []
        if current:
            paragraphs.append("".join(current))
        text = "\n".join(paragraphs)
        out.write(json.dumps({"id": f"gen-{number:08d}", "title": f"生成文稿第{number}号", "speaker": f"作者{number % 997}",
                              "kind": "speech", "text": text}, ensure_ascii=False) + "\n")
        written += len(text)
        in_file += len(text)
        number += 1
        if in_file >= FILE_CHARS:
            out.close()
            part += 1
            in_file = 0
            out = (target / f"part-{part:05d}.jsonl").open("w", encoding="utf-8")
    out.close()
    done.write_text(str(written))
    return written


def child_env(cache: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "YINWEN_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(code: str, args: list[str], cache: Path) -> tuple[dict, float]:
    """(its JSON line, its peak RSS in MiB) of a fresh process."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=out, env=child_env(cache))
        _, status, usage = os.wait4(proc.pid, 0)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if status != 0:
        raise SystemExit(f"child failed: {text}")
    return json.loads(text.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def index_bytes(cache: Path) -> int:
    return sum(f.stat().st_size for d in (cache / "index").iterdir() if d.is_dir() for f in d.iterdir())


def measure(label: str, corpus_dir: Path, cache: Path, quotes: int) -> dict[str, object]:
    shutil.rmtree(cache, ignore_errors=True)
    build, peak = run_child(BUILD_CHILD, [str(cache), str(corpus_dir)], cache)
    size = index_bytes(cache)
    query, _ = run_child(QUERY_CHILD, [str(cache), str(quotes), str(ROOT / "benchmarks"), str(corpus_dir)], cache)
    row = {"corpus": label, "chars": build["chars"], "sources": build["sources"], "build_s": round(build["seconds"], 1),
           "build_peak_mib": round(peak), "index_mb": round(size / 1e6, 1), "bytes_per_char": round(size / build["chars"], 2),
           "quote_cpu_p50_ms": round(query["p50_ms"], 3), "quote_cpu_p95_ms": round(query["p95_ms"], 3),
           "quote_cpu_mean_ms": round(query["mean_ms"], 3), "recall": round(query["recall"], 3)}
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", default="200e6", help="comma-separated sizes of generated corpora")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled corpus")
    parser.add_argument("--quotes", type=int, default=400)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep generated corpora and indexes")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="yinwen-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    rows = []
    try:
        if not args.no_bundled:
            from yinwen.resources import bundled_corpus_dir

            rows.append(measure("bundled", bundled_corpus_dir(), workdir / "cache-bundled", args.quotes))
        for size in (float(s) for s in args.chars.split(",") if s.strip() and float(s) > 0):
            started = time.perf_counter()
            corpus_dir = workdir / f"gen-{int(size)}"
            written = generate(corpus_dir, int(size))
            print(f"# generated {written} characters in {time.perf_counter() - started:.0f} s", flush=True)
            rows.append(measure(f"generated {size / 1e6:.0f} M", corpus_dir, workdir / f"cache-{int(size)}", args.quotes))
            if not args.keep:
                shutil.rmtree(workdir / f"cache-{int(size)}", ignore_errors=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"# load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if len(rows) >= 2:
        base = rows[0]
        for row in rows[1:]:
            print(f"# CPU per quote, {row['corpus']} / {base['corpus']}: p50 {row['quote_cpu_p50_ms'] / base['quote_cpu_p50_ms']:.2f}x, "
                  f"mean {row['quote_cpu_mean_ms'] / base['quote_cpu_mean_ms']:.2f}x")


if __name__ == "__main__":
    main()
