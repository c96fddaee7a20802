"""Derive data/variants.tsv, the one-to-one fold of traditional and variant characters, from OpenCC.

Matching folds every character of a draft and of the corpus to one form (text/normalize.py). The pairs
come from OpenCC's dictionaries through the `opencc` package (Apache-2.0, a maintained converter): each
code point of the CJK blocks is converted alone with the t2s configuration, and kept when it becomes one
other character; a pair whose target is itself folded is followed to the end, so folding twice changes
nothing (薴 → 苧 → 苎). tw2s and hk2s add only a dozen pairs, some of them wrong for simplified text (么 → 幺,
著 → 着), so the clear Taiwan and Hong Kong variants among them are listed by hand (EXTRA).
Phrase-dependent readings (乾 in 乾坤 against 干 in 干净) fold to one form on both sides,
so matching does not depend on them; the text shown to users is never folded.
A few variant forms OpenCC does not convert are added by hand (EXTRA). Run from the repo root:

    pip install opencc && python docs/scripts/make_variants.py > data/variants.tsv

tests/test_variants_table.py checks the table against OpenCC on every character of the bundled
traditional sources, so a table out of step with the converter fails the suite.
"""

from __future__ import annotations

import opencc

CONFIG = "t2s"
CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
              (0x2F800, 0x2FA1F))
# 茍: an older form of 苟 in 论语 and 大学; the rest: Taiwan and Hong Kong forms t2s leaves alone.
EXTRA = {"茍": "苟", "蹞": "跬", "猨": "猿", "胷": "胸", "岐": "歧", "敍": "叙", "枱": "台", "痺": "痹", "簷": "檐", "粧": "妆", "糭": "粽", "衞": "卫", "衹": "只"}


def table() -> dict[str, str]:
    converter = opencc.OpenCC(CONFIG)
    pairs = dict(EXTRA)
    for first, last in CJK_BLOCKS:
        for code in range(first, last + 1):
            ch = chr(code)
            converted = converter.convert(ch)
            if len(converted) == 1 and converted != ch:
                pairs.setdefault(ch, converted)
    for ch in pairs:
        seen = {ch}
        while pairs[ch] in pairs and pairs[ch] not in seen:
            seen.add(pairs[ch])
            pairs[ch] = pairs[pairs[ch]]
    return pairs


def main() -> None:
    pairs = table()
    print("# traditional/variant character -> simplified, one for one; derived by docs/scripts/make_variants.py")
    print(f"# from OpenCC {getattr(opencc, '__version__', '')} ({CONFIG}; Apache-2.0 dictionaries)")
    for original in sorted(pairs):
        print(f"{original}\t{pairs[original]}")


if __name__ == "__main__":
    main()
