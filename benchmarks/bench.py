"""yinwen benchmarks: index build, load, lookup latency, a 10,000-character draft, cold start, naive scan.

Run from a checkout:  python benchmarks/bench.py            (bundled corpus + generated 50 M characters)
                      python benchmarks/bench.py --big      (adds a generated 200 M-character corpus)
                      python benchmarks/bench.py --chars 0  (bundled corpus only)

Everything it builds goes to a work directory (default: a temp dir, removed afterwards unless --keep).
Figures are printed as one table; --json FILE also writes them. The naive baseline is
rapidfuzz.process.extractOne(quote, sentences, scorer=fuzz.partial_ratio) over every sentence of the
corpus — the obvious way to look a quote up without an index; it is run on a few quotes only (it
takes seconds per quote) and its per-quote time is extrapolated to the 50 quotes of the draft.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

BUILD_CHILD = """
import json, sys, time
from pathlib import Path
from yinwen.corpus.store import open_corpus
started = time.perf_counter()
corpus = open_corpus([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]), rebuild=True)
print(json.dumps({"seconds": time.perf_counter() - started, "sources": len(corpus.sources), "chars": corpus.chars}))
"""
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
FILLER_MARKS = re.compile(r"[“”「」『』\"]")


def child_env(cache: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "YINWEN_CACHE_DIR": str(cache)}
    # An installed package is byte-compiled by pip; measure that, not recompiling every module per run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def build_in_child(dirs: list[Path], cache: Path) -> dict[str, float]:
    """Build from scratch in a fresh process; its own wall time and peak RSS (from wait4)."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-c", BUILD_CHILD, str(cache), *map(str, dirs)], stdout=out,
                                env=child_env(cache))
        _, status, usage = os.wait4(proc.pid, 0)
        out.seek(0)
        if status != 0:
            raise SystemExit(f"index build failed: {out.read().decode('utf-8', 'backslashreplace')}")
        result = json.loads(out.read())
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def index_size_mb(cache: Path) -> float:
    dirs = [p for p in (cache / "index").iterdir() if p.is_dir()]
    return sum(f.stat().st_size for d in dirs for f in d.iterdir()) / 1e6


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def corrupt(text: str, rng: random.Random, edits: int) -> str:
    chars = list(text)
    alphabet = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域读"  # noqa: E501
    for _ in range(edits):
        if len(chars) < 6:
            break
        at = rng.randrange(1, len(chars) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            chars[at] = rng.choice(alphabet)
        elif kind == 1:
            del chars[at]
        else:
            chars.insert(at, rng.choice(alphabet))
    return "".join(chars)


def sample_quotes(corpus, count: int, rng: random.Random) -> list[tuple[str, int, int, bool]]:
    """(normalised quote, true start, true end, corrupted?) from random places of the corpus."""
    total = len(corpus.arrays.norm)
    quotes = []
    while len(quotes) < count:
        length = rng.randrange(12, 41)
        start = rng.randrange(0, max(1, total - length))
        source = corpus.source_of_norm(start)
        if start + length > int(corpus.arrays.src_norm[source + 1]):
            continue
        text = corpus.norm_text(start, start + length)
        corrupted = len(quotes) % 2 == 1
        quotes.append((corrupt(text, rng, rng.randrange(1, 4)) if corrupted else text, start, start + length, corrupted))
    return quotes


def lookup_figures(corpus, quotes) -> dict[str, float]:
    from yinwen.match.candidates import search

    latencies, right = [], 0
    for quote, start, end, _ in quotes:
        began = time.perf_counter()
        found = search(corpus, quote)
        latencies.append(time.perf_counter() - began)
        if found:
            best = found[0]
            overlaps = best.start < end and start < best.end
            duplicate = corpus.norm_text(best.start, best.end) == corpus.norm_text(start, end)
            right += overlaps or duplicate
    return {"p50_ms": 1000 * percentile(latencies, 0.5), "p95_ms": 1000 * percentile(latencies, 0.95),
            "recall": right / len(quotes)}


def make_draft(corpus, rng: random.Random, quotes: int = 50, chars: int = 10_000) -> str:
    """About ``chars`` characters of real draft prose with ``quotes`` quotations of corpus passages, half altered."""
    filler_text = "".join(FILLER_MARKS.sub("", p.read_text(encoding="utf-8"))
                          for p in sorted((ROOT / "tests" / "fixtures" / "real-drafts").glob("*.txt")))
    filler = [s for s in SENTENCE.findall(filler_text) if 8 <= len(s) <= 80]
    pieces, length = [], 0
    for number in range(quotes):
        while True:
            start = rng.randrange(0, len(corpus.arrays.norm) - 40)
            source = corpus.source_of_norm(start)
            if start + 40 < int(corpus.arrays.src_norm[source + 1]):
                break
        begin = corpus.orig_offset(start)
        end = corpus.orig_offset(start + rng.randrange(14, 36))
        passage = corpus.orig_text(begin, end).replace("\n", "")
        if number % 2:
            passage = corrupt(passage, rng, 1)
        intro = "".join(rng.choice(filler) for _ in range(2))
        piece = f"{intro}正如原文所说：“{passage}”"
        pieces.append(piece)
        length += len(piece)
    while length < chars:
        sentence = rng.choice(filler)
        pieces.insert(rng.randrange(len(pieces) + 1), sentence)
        length += len(sentence)
    return "\n".join("".join(pieces[i: i + 4]) for i in range(0, len(pieces), 4))


def draft_figures(corpus, draft: str, repeats: int = 5) -> dict[str, float]:
    from yinwen.config.settings import Settings
    from yinwen.engine import check_document
    from yinwen.text.document import Document

    document = Document.from_text("draft.txt", draft)
    report = check_document(document, corpus, Settings())  # warm-up
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        check_document(document, corpus, Settings())
        times.append(time.perf_counter() - began)
    return {"draft_chars": len(draft), "draft_quotes": len(report.matches), "draft_warm_s": statistics.median(times)}


def naive_figures(corpus, quotes, count: int) -> dict[str, float]:
    """rapidfuzz partial_ratio over every sentence, for ``count`` quotes."""
    from rapidfuzz import fuzz, process

    from yinwen.text.normalize import codes_to_text

    sentences = SENTENCE.findall(codes_to_text(corpus.arrays.orig))
    times, right = [], 0
    for quote, start, end, _ in quotes[:count]:
        began = time.perf_counter()
        best = process.extractOne(quote, sentences, scorer=fuzz.partial_ratio)
        times.append(time.perf_counter() - began)
        right += best is not None and corpus.norm_text(start, min(end, start + 8)) in re.sub(r"\W", "", best[0])
    return {"naive_per_quote_s": statistics.median(times), "naive_quotes": count, "naive_sentences": len(sentences)}


def cold_check_seconds(cache: Path, runs: int = 11) -> tuple[float, float]:
    """Wall time of a fresh ``python -m yinwen check seeds/`` with the index cached (median, fastest)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "yinwen")], env=child_env(cache),
                   check=True)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "yinwen", "check", str(ROOT / "seeds")], env=child_env(cache),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - began)
    return statistics.median(times), min(times)


def import_floor_seconds(runs: int = 11) -> float:
    """What any run pays before yinwen does anything: the interpreter, numpy, rapidfuzz and typer."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy, rapidfuzz.distance, typer.main"], check=True,
                       env=child_env(ROOT))
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def jobs_seconds(cache: Path, workdir: Path) -> dict[str, float]:
    """``yinwen check`` over 230 real drafts (23 drafts × 10 folders), --jobs 1 against --jobs 2."""
    batch = workdir / "batch"
    if not batch.exists():
        for copy in range(10):
            shutil.copytree(ROOT / "tests" / "fixtures" / "real-drafts", batch / f"copy{copy}")
    result = {}
    for jobs in (1, 2):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "yinwen", "check", str(batch), "--jobs", str(jobs), "--format", "json"],
                       env=child_env(cache), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        result[f"batch_230_files_jobs{jobs}_s"] = time.perf_counter() - began
    return result


def bench_corpus(label: str, dirs: list[Path], cache: Path, args, rng: random.Random) -> dict[str, object]:
    from yinwen.corpus.store import open_corpus

    print(f"[{label}] building the index …", file=sys.stderr, flush=True)
    built = build_in_child(dirs, cache)
    row: dict[str, object] = {"corpus": label, "sources": built["sources"], "chars": built["chars"],
                              "build_s": built["seconds"], "build_peak_mb": built["peak_mb"],
                              "index_mb": index_size_mb(cache)}
    loads = []
    for _ in range(5):
        began = time.perf_counter()
        corpus = open_corpus(dirs, cache)
        loads.append(time.perf_counter() - began)
    row["load_ms"] = 1000 * statistics.median(loads)
    print(f"[{label}] looking up {args.quotes} quotes …", file=sys.stderr, flush=True)
    quotes = sample_quotes(corpus, args.quotes, rng)
    row.update(lookup_figures(corpus, quotes))
    row["recall_corrupted"] = lookup_figures(corpus, [q for q in quotes if q[3]])["recall"]
    print(f"[{label}] checking a 10,000-character draft …", file=sys.stderr, flush=True)
    row.update(draft_figures(corpus, make_draft(corpus, rng)))
    if args.naive_quotes:
        print(f"[{label}] naive scan of {args.naive_quotes} quotes …", file=sys.stderr, flush=True)
        row.update(naive_figures(corpus, quotes, args.naive_quotes))
        row["naive_draft_s_extrapolated"] = row["naive_per_quote_s"] * 50
        row["speedup_per_quote"] = row["naive_per_quote_s"] / (row["p50_ms"] / 1000)
        row["speedup_draft"] = row["naive_draft_s_extrapolated"] / row["draft_warm_s"]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=float, default=50e6, help="size of the generated corpus (0: none)")
    parser.add_argument("--big", action="store_true", help="also a generated 200 M-character corpus")
    parser.add_argument("--quotes", type=int, default=400, help="quotes sampled per corpus for latency and recall")
    parser.add_argument("--naive-quotes", type=int, default=3, help="quotes for the naive scan (0: skip)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep generated corpora and indexes here")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="yinwen-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261129)
    from gencorpus import generate

    from yinwen.resources import bundled_corpus_dir

    rows = []
    try:
        bundled_cache = workdir / "cache-bundled"
        shutil.rmtree(bundled_cache, ignore_errors=True)
        rows.append(bench_corpus("bundled", [bundled_corpus_dir()], bundled_cache, args, rng))
        median, fastest = cold_check_seconds(bundled_cache)
        rows[0]["cold_check_seeds_median_s"], rows[0]["cold_check_seeds_min_s"] = median, fastest
        rows[0]["import_floor_median_s"] = import_floor_seconds()
        rows[0]["yinwen_own_start_s"] = median - rows[0]["import_floor_median_s"]
        rows[0].update(jobs_seconds(bundled_cache, workdir))
        sizes = ([args.chars] if args.chars else []) + ([200e6] if args.big else [])
        for size in sizes:
            label = f"generated-{size / 1e6:.0f}M"
            corpus_dir = workdir / label
            if not (corpus_dir / "part-09.jsonl").exists():
                print(f"[{label}] generating …", file=sys.stderr, flush=True)
                generate(corpus_dir, int(size))
            cache = workdir / f"cache-{label}"
            shutil.rmtree(cache, ignore_errors=True)
            rows.append(bench_corpus(label, [corpus_dir], cache, args, rng))
            shutil.rmtree(cache, ignore_errors=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")


def print_table(rows: list[dict[str, object]]) -> None:
    names = sorted({key for row in rows for key in row}, key=lambda k: list(rows[-1]).index(k) if k in rows[-1] else 99)
    print(f"{'':32}" + "".join(f"{str(row['corpus']):>20}" for row in rows))
    for name in names:
        if name == "corpus":
            continue
        cells = []
        for row in rows:
            value = row.get(name, "")
            cells.append(f"{value:>20.4g}" if isinstance(value, float) else f"{value!s:>20}")
        print(f"{name:32}" + "".join(cells))


if __name__ == "__main__":
    main()
