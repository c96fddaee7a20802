"""Re-derive 乾 in the simplified text of 周易 (data/corpus/classics/zhouyi.jsonl).

OpenCC turned every 乾 into 干 when the collection's text_simplified was made, so 君子终日乾乾 read
君子终日干干 and the hexagram 乾 was titled 干. In 周易 乾 is the hexagram and heaven (qián) everywhere but
in 噬乾肉 and 噬乾胏 (gān, dried), so the simplified text keeps 乾 where the original has it, except there.
Run from the repo root (idempotent):

    python docs/scripts/fix_zhouyi_qian.py
"""

from __future__ import annotations

import json
import pathlib

PATH = pathlib.Path("data/corpus/classics/zhouyi.jsonl")
DRIED = ("肉", "胏")  # 乾 before these is gān (dried) and stays 干


def fixed(original: str, simplified: str) -> str:
    if len(original) != len(simplified):
        raise SystemExit("original and simplified text differ in length: fix by hand")
    out = list(simplified)
    for index, ch in enumerate(original):
        if ch == "乾" and original[index + 1:index + 2] not in DRIED:
            out[index] = "乾"
    return "".join(out)


def main() -> None:
    lines = []
    for line in PATH.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for original, simple in (("text", "text_simplified"), ("title", "title_simplified")):
            if record.get(simple):
                record[simple] = fixed(record[original], record[simple])
        lines.append(json.dumps(record, ensure_ascii=False))
    PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
