"""Derive data/variants.tsv: character pairs (traditional or variant -> simplified).

The classics in data/corpus carry both the original text and an OpenCC-converted
``text_simplified``. Where the two have equal length, characters line up one to one; a pair is kept
when the original character maps to the same simplified character in at least 98% of its
occurrences (so phrase-dependent conversions such as 乾/干 are left out). Run from the repo root:

    python docs/scripts/make_variants.py > data/variants.tsv
"""

from __future__ import annotations

import collections
import json
import pathlib

EXTRA = {"茍": "苟", "説": "说", "爲": "为", "爲": "为", "衆": "众", "敎": "教", "裏": "里", "綫": "线"}


def main() -> None:
    pairs: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for path in sorted(pathlib.Path("data/corpus").rglob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            for original_key, simple_key in (("text", "text_simplified"), ("title", "title_simplified")):
                original, simple = record.get(original_key), record.get(simple_key)
                if not original or not simple or len(original) != len(simple):
                    continue
                for a, b in zip(original, simple):
                    pairs[a][b] += 1
    print("# traditional/variant character -> simplified; derived by docs/scripts/make_variants.py")
    print("# from the OpenCC-converted text_simplified fields of data/corpus/classics (Apache-2.0 dictionaries)")
    table = dict(EXTRA)
    for original, targets in pairs.items():
        target, count = targets.most_common(1)[0]
        if target != original and count / sum(targets.values()) >= 0.98 and targets[original] == 0:
            table.setdefault(original, target)
    for original in sorted(table):
        print(f"{original}\t{_resolve(table, original)}")


def _resolve(table: dict[str, str], original: str) -> str:
    """Follow chains (麼 -> 麽 -> 么) to the end, so that normalising is idempotent."""
    target, seen = table[original], {original}
    while target in table and target not in seen:
        seen.add(target)
        target = table[target]
    return target


if __name__ == "__main__":
    main()
