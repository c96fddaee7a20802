"""A corpus split into shards answers every index question exactly as one index does (no Ray here:
the shards are served in this process; tests/test_ray.py runs the same through Ray actors)."""

from __future__ import annotations

import random
import shutil

import pytest

from tests._cli import run_cli
from tests.conftest import REAL_DRAFTS, ROOT
from yinwen.corpus.search import candidate_windows, exact_occurrences
from yinwen.corpus.sharded import ShardedCorpus, ShardService, local_call_all
from yinwen.corpus.shards import open_shards
from yinwen.corpus.store import open_corpus
from yinwen.corpus.verbatim import stock_mask, verbatim_runs
from yinwen.text.normalize import normalize


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple:
    """(one index, the same corpus in 3 shards) over 60 modern speeches and two classics."""
    folder = tmp_path_factory.mktemp("shard-corpus")
    for path in sorted((ROOT / "data" / "corpus" / "modern").glob("*.txt"))[:60]:
        shutil.copy(path, folder / path.name)
    for name in ("laozi.jsonl", "daxue.jsonl", "SOURCES.toml"):
        path = ROOT / "data" / "corpus" / "classics" / name
        if path.exists():
            shutil.copy(path, folder / name)
    cache = tmp_path_factory.mktemp("shard-cache")
    single = open_corpus([folder], cache)
    found = open_shards([folder], cache, 3)
    services = [ShardService(str(d), fp) for d, fp in zip(found.directories, found.fingerprints)]
    return single, ShardedCorpus(local_call_all(services), 3, found.fingerprint), folder, cache


def test_shards_hold_consecutive_runs_of_sources(pair) -> None:
    single, sharded, _, _ = pair
    assert [len(table) for table in sharded.sources.tables] and all(len(t) for t in sharded.sources.tables)
    assert sharded.fingerprint == single.fingerprint and sharded.chars == single.chars
    assert [s.id for s in sharded.sources] == [s.id for s in single.sources]
    assert (sharded.arrays.src_norm == single.arrays.src_norm).all()
    assert (sharded.arrays.para_orig == single.arrays.para_orig).all()


def test_every_index_question_has_the_answer_of_one_index(pair) -> None:
    single, sharded, _, _ = pair
    rng = random.Random(11)
    for _ in range(300):
        index = rng.randrange(len(single.sources))
        text = single.source_text(index)
        length = rng.choice([2, 3, 5, 9, 16, 30, 60])
        start = rng.randrange(max(1, len(text) - length))
        quote = text[start: start + length]
        if rng.random() < 0.4 and len(quote) > 6:
            at = rng.randrange(len(quote))
            quote = quote[:at] + "有关" + quote[at + 1:]
        quote = normalize(quote).text
        assert candidate_windows(sharded, quote) == candidate_windows(single, quote)
        assert exact_occurrences(sharded, quote) == exact_occurrences(single, quote)
        assert sharded.norm_text(start, start + 40) == single.norm_text(start, start + 40)
        position = rng.randrange(len(single.arrays.norm))
        assert sharded.orig_offset(position) == single.orig_offset(position)
    for path in sorted(REAL_DRAFTS.glob("*.txt"))[:8]:
        text = normalize(path.read_text(encoding="utf-8")).text
        assert verbatim_runs(sharded, text, 12) == verbatim_runs(single, text, 12)
        assert (stock_mask(sharded, text) == stock_mask(single, text)).all()


def test_a_damaged_shard_is_rebuilt(pair) -> None:
    _, _, folder, cache = pair
    found = open_shards([folder], cache, 3)
    path = found.directories[1] / "positions.bin"
    path.write_bytes(b"\x00" * path.stat().st_size)
    again = open_shards([folder], cache, 3)
    services = [ShardService(str(d), fp) for d, fp in zip(again.directories, again.fingerprints)]
    assert len(services) == 3


def test_corpus_build_shards_from_the_command_line(pair, tmp_path) -> None:
    _, _, folder, _ = pair
    result = run_cli("corpus", "build", str(folder), "--shards", "2", "--cache-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    bases = list((tmp_path / "shards").glob("*-2"))
    assert len(bases) == 1 and (bases[0] / "0" / "meta.json").exists() and (bases[0] / "1" / "meta.json").exists()
