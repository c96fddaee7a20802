"""The compact index answers exactly what a plain construction does, on every code path.

The reference below is the straightforward one: code points, a per-position offset map, and for
every 2- and 3-gram that does not cross a source boundary the ascending list of its positions. The
builder streams sources in batches, sorts grams a range of first characters at a time, and keeps
16-bit ids (32-bit when forced); small batches and ranges, and the wide path, must agree.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from tests.conftest import ROOT
from yinwen.corpus import build, gramsort
from yinwen.corpus.arrayfiles import MemorySink
from yinwen.corpus.index import IndexArrays
from yinwen.corpus.sources import load_sources
from yinwen.text.normalize import fold_char, to_codes


@pytest.fixture(scope="module")
def sample():
    # Modern speeches and a few classics: punctuation-only paragraphs, short and long sources.
    modern = sorted((ROOT / "data" / "corpus" / "modern").glob("*.txt"))[:40]
    classics = [ROOT / "data" / "corpus" / "classics" / name for name in ("laozi.jsonl", "daxue.jsonl")]
    return load_sources(modern + [path for path in classics if path.exists()])


@pytest.fixture(scope="module")
def reference(sample):
    orig = "".join(p + "\n" for source in sample for p in source.paragraphs)
    folded = [fold_char(ch) for ch in orig]
    norm_orig = [i for i, ch in enumerate(folded) if ch]
    norm = "".join(ch for ch in folded if ch)
    source_of, bounds, at = [], [0], 0
    for number, source in enumerate(sample):
        length = sum(1 for p in source.paragraphs for ch in p + "\n" if fold_char(ch))
        source_of.extend([number] * length)
        at += length
        bounds.append(at)
    grams: dict[str, list[int]] = defaultdict(list)
    for n in (2, 3):
        for p in range(len(norm) - n + 1):
            if source_of[p] == source_of[p + n - 1]:
                grams[norm[p: p + n]].append(p)
    return {"orig": orig, "norm": norm, "norm_orig": norm_orig, "bounds": bounds, "grams": grams}


def _build(sample, wide: bool = False) -> IndexArrays:
    sink = MemorySink()
    build.build_index(list(sample), sink, wide=wide)
    return IndexArrays.from_dict(sink.close())


def _postings(arrays: IndexArrays, gram: str) -> list[int]:
    first, end = arrays.gram_ranges(arrays.ids(to_codes(gram)), len(gram))
    return sorted(arrays.positions[int(first[0]): int(end[0])].tolist())


def _check(arrays: IndexArrays, reference) -> None:
    assert arrays.text(arrays.orig) == reference["orig"]
    assert arrays.text(arrays.norm) == reference["norm"]
    assert arrays.orig_offsets(np.arange(len(arrays.norm))).tolist() == reference["norm_orig"]
    assert arrays.src_norm.tolist() == reference["bounds"]
    grams = reference["grams"]
    rng = np.random.default_rng(3)
    names = sorted(grams)
    for gram in [names[i] for i in rng.choice(len(names), 3000, replace=False)]:
        assert _postings(arrays, gram) == grams[gram], gram
    # 3-gram postings come out ascending, as the verbatim search needs.
    for gram in [g for g in names if len(g) == 3][:500]:
        first, end = arrays.triple_ranges(arrays.ids(to_codes(gram)))
        run = arrays.positions[int(first[0]): int(end[0])]
        assert np.all(np.diff(run.astype(np.int64)) > 0)
    assert _postings(arrays, "\U0002a6a5\U0002a6a5") == []  # characters the corpus lacks


def test_builder_matches_reference(sample, reference) -> None:
    assert sum(len(s.text) for s in sample) > 100_000
    _check(_build(sample), reference)


def test_small_batches_and_ranges_give_the_same_answers(sample, reference, monkeypatch) -> None:
    ranges = []
    original = gramsort._sort_range
    monkeypatch.setattr(gramsort, "_partition_limit", lambda total: 3000)
    monkeypatch.setattr(gramsort, "CHUNK", 7777)
    monkeypatch.setattr(gramsort, "_sort_range", lambda *args: ranges.append(1) or original(*args))
    sink = MemorySink()
    build.build_index(list(sample), sink, batch_chars=5000)
    assert len(ranges) > 20
    _check(IndexArrays.from_dict(sink.close()), reference)


def test_wide_ids_give_the_same_answers(sample, reference) -> None:
    wide = _build(sample, wide=True)
    assert wide.norm.dtype == np.uint32
    _check(wide, reference)


def test_the_two_sort_path_gives_the_same_answers(sample, reference, monkeypatch) -> None:
    """Alphabets past 16,384 characters do not fit (1st, 2nd, 3rd id, index) in one word and take two
    sorts; forced here on the small alphabet, the arrays must come out the same as with one sort."""
    once = _build(sample)
    calls = []
    original = gramsort._sort_range
    monkeypatch.setattr(gramsort, "_sort_range_once", lambda *args: calls.append(1) or pytest.fail("one sort"))
    monkeypatch.setattr(gramsort, "_sort_range", lambda norm, entries, ends, bits, alphabet_bits=0:
                        calls.append(0) or original(norm, entries, ends, bits, 0))
    twice = _build(sample)
    assert calls and set(calls) == {0}
    _check(twice, reference)
    for name in ("positions", "pair_keys", "pair_starts", "tail_pairs", "tail_counts"):
        assert np.array_equal(getattr(once, name), getattr(twice, name)), name


def test_sources_are_streamed_not_held(sample) -> None:
    """The builder takes any iterable and lets each batch go: a generator is consumed once."""
    seen = []

    def stream():
        for source in sample:
            seen.append(source.id)
            yield source

    sink = MemorySink()
    build.build_index(stream(), sink, batch_chars=10_000)
    assert len(seen) == len(sample)
    assert len(sink.close()["src_norm"]) == len(sample) + 1
