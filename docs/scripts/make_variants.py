"""Derive data/variants.tsv, the one-to-one fold of traditional and variant characters, from OpenCC.

Matching folds every character of a draft and of the corpus to one form (text/normalize.py). The pairs
come from OpenCC's dictionaries through the `opencc` package (Apache-2.0, a maintained converter): each
code point of the CJK blocks is converted alone with the t2s, tw2s and hk2s configurations, and kept when
it becomes one other character. Phrase-dependent readings (乾 in 乾坤 against 干 in 干净) fold to one form
on both sides, so matching does not depend on them; the text shown to users is never folded.
A few variant forms OpenCC does not convert are added by hand (EXTRA). Run from the repo root:

    pip install opencc && python docs/scripts/make_variants.py > data/variants.tsv

tests/test_variants_table.py checks the table against OpenCC on every character of the bundled
traditional sources, so a table out of step with the converter fails the suite.
"""

from __future__ import annotations

import opencc

CONFIGS = ("t2s", "tw2s", "hk2s")
CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
              (0x2F800, 0x2FA1F))
EXTRA = {"茍": "苟"}  # a variant of 苟 in older editions of 论语 and 大学 that OpenCC leaves alone


def table() -> dict[str, str]:
    converters = [opencc.OpenCC(config) for config in CONFIGS]
    pairs = dict(EXTRA)
    for first, last in CJK_BLOCKS:
        for code in range(first, last + 1):
            ch = chr(code)
            for converter in converters:
                converted = converter.convert(ch)
                if len(converted) == 1 and converted != ch:
                    pairs.setdefault(ch, converted)
                    break
    return pairs


def main() -> None:
    pairs = table()
    print("# traditional/variant character -> simplified, one for one; derived by docs/scripts/make_variants.py")
    print(f"# from OpenCC {getattr(opencc, '__version__', '')} (t2s, tw2s, hk2s; Apache-2.0 dictionaries)".replace("  ", " "))
    for original in sorted(pairs):
        print(f"{original}\t{pairs[original]}")


if __name__ == "__main__":
    main()
