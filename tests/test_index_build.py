"""The fast index builder gives exactly the arrays of the straightforward one, on every code path.

The reference below is the plain construction (per-position source ids, 64-bit keys, a stable
argsort, np.unique); the builder replaces it with a lookup-table fold, packed 64-bit words sorted
in place, and fallbacks (LSD radix sort over 16-bit ids; stable argsort of keys) for corpora whose
words would not fit. All three paths must agree with the reference.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import ROOT
from yinwen.corpus import index
from yinwen.corpus.sources import load_sources
from yinwen.text.normalize import fold_char


def _reference_grams(sources) -> dict[str, np.ndarray]:
    texts = [source.text for source in sources]
    src_orig = np.zeros(len(texts) + 1, dtype=np.int64)
    src_orig[1:] = np.cumsum([len(text) + 1 for text in texts])
    orig = index.to_codes("\n".join(texts) + "\n")
    folded = np.array([ord(fold_char(chr(c)) or "\x00") for c in orig.tolist()], dtype=np.uint32)
    keep = folded != 0
    norm = folded[keep]
    norm_orig = np.nonzero(keep)[0].astype(np.int64)
    src_norm = np.searchsorted(norm_orig, src_orig).astype(np.int64)
    source_of = np.searchsorted(src_norm, np.arange(len(norm)), side="right") - 1
    arrays = {"norm": norm, "norm_orig": norm_orig, "orig": orig, "src_norm": src_norm, "src_orig": src_orig}
    for n in index.GRAM_SIZES:
        keys = index.gram_keys(norm, n)
        valid = np.nonzero(source_of[: len(keys)] == source_of[n - 1:])[0]
        keys = keys[valid]
        order = np.argsort(keys, kind="stable")
        distinct, first = np.unique(keys[order], return_index=True)
        arrays[f"g{n}_keys"] = distinct.astype(np.int64)
        arrays[f"g{n}_starts"] = np.append(first, len(keys)).astype(np.int64)
        arrays[f"g{n}_pos"] = valid[order].astype(np.int32)
    return arrays


@pytest.fixture(scope="module")
def sample():
    # Modern speeches and a few classics: punctuation-only paragraphs, short and long sources.
    modern = sorted((ROOT / "data" / "corpus" / "modern").glob("*.txt"))[:40]
    classics = [ROOT / "data" / "corpus" / "classics" / name for name in ("laozi.jsonl", "daxue.jsonl")]
    return load_sources(modern + [path for path in classics if path.exists()])


@pytest.mark.parametrize("path", ["packed", "radix", "keys"])
def test_builder_matches_reference(sample, path, monkeypatch) -> None:
    if path in ("radix", "keys"):
        monkeypatch.setattr(index, "_gram_words", lambda *args: None)
    if path == "keys":
        original = index._sorted_postings
        monkeypatch.setattr(index, "_sorted_postings", lambda norm, ids, valid, n: original(norm, None, valid, n))
    built = index.build_arrays(list(sample)).as_dict()
    reference = _reference_grams(sample)
    assert sum(len(s.text) for s in sample) > 100_000
    for name, expected in reference.items():
        assert built[name].dtype == expected.dtype, name
        assert np.array_equal(built[name], expected), name


def test_sources_list_is_consumed_only_when_asked(sample) -> None:
    sources = list(sample)
    index.build_into(sources, index.MemorySink())
    assert len(sources) == len(sample)
    index.build_into(sources, index.MemorySink(), consume=True)
    assert sources == []
