"""Accuracy on freshly generated cases (not the shared eval set): a guard against fitting.

Draws sentences from the bundled corpus with a seed, corrupts them the ways drafts do (a changed
character, a replaced word, a dropped clause, an inserted word, punctuation, two passages spliced,
a wrong speaker), wraps each in a cue, checks them all in one run and prints the figures.

    python benchmarks/accuracy.py [--cases 400] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

from yinwen.config.settings import Settings
from yinwen.corpus.store import open_corpus
from yinwen.engine import check_document
from yinwen.resources import bundled_corpus_dir
from yinwen.text.document import Document

HAN = re.compile(r"[\u4e00-\u9fff]")
FILLER = "我们要深入学习领会，切实把思想和行动统一到党中央决策部署上来。"
XI_CUES = ["习近平总书记强调：", "习近平总书记深刻指出：", "正如习近平总书记所说："]
WRONG_CUES = ["毛泽东同志指出：", "邓小平同志强调：", "鲁迅先生说过："]
FLAGS = {"misquote", "spliced", "misattributed"}


def sentences(corpus, rng: random.Random, count: int) -> list[str]:
    """Sentences of 14–60 characters from modern 习近平 sources."""
    picked: list[str] = []
    indexes = [i for i in range(len(corpus.sources)) if (corpus.sources[i].speaker or "") == "习近平"]
    while len(picked) < count:
        text = corpus.source_text(rng.choice(indexes))
        candidates = [s + "。" for s in re.split(r"[。！？\n]", text) if 14 <= len(s) <= 60 and "“" not in s and "”" not in s]
        if candidates:
            picked.append(rng.choice(candidates))
    return picked


def corrupt(kind: str, text: str, other: str, rng: random.Random) -> str | None:
    positions = [i for i, ch in enumerate(text) if HAN.match(ch)]
    if len(positions) < 12:
        return None
    middle = positions[3:-3]
    if kind == "char":
        i = rng.choice(middle)
        return text[:i] + chr(0x4E00 + rng.randrange(0x51A5)) + text[i + 1:]
    if kind == "word":
        i = rng.choice(middle[:-2])
        return text[:i] + "有关部门" + text[i + 2:]
    if kind == "insert":
        i = rng.choice(middle)
        return text[:i] + "切实" + text[i:]
    if kind == "omit":
        clauses = re.split(r"(，)", text)
        if len(clauses) < 5:
            i = rng.choice(middle[:-4])
            return text[:i] + text[i + 4:]
        drop = rng.randrange(1, len(clauses) // 2) * 2
        return "".join(clauses[:drop] + clauses[drop + 2:])
    if kind == "punct":
        return text.replace("，", "、", 1) if "，" in text else None
    if kind == "splice":
        return text.rstrip("。") + "，" + other
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--misses", action="store_true", help="print every case the checker got wrong")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = open_corpus([bundled_corpus_dir()])
    pool = sentences(corpus, rng, args.cases * 2)
    kinds = ["verified", "fragment", "char", "word", "insert", "omit", "punct", "splice", "wrong-speaker"]
    cases = []
    for index in range(args.cases):
        kind = kinds[index % len(kinds)]
        text, other = pool[2 * index], pool[2 * index + 1]
        if kind == "fragment":
            text = text.rstrip("。").split("，")[0] if "，" in text else text
            if len(HAN.findall(text)) < 8:
                continue
        quote = corrupt(kind, text, other, rng) if kind not in ("verified", "fragment", "wrong-speaker") else text
        if quote is None:
            continue
        cue = rng.choice(WRONG_CUES if kind == "wrong-speaker" else XI_CUES)
        cases.append((kind, f"{FILLER}{cue}“{quote}”{FILLER}"))
    started = time.perf_counter()
    tallies: dict[str, list[int]] = {}
    for kind, draft in cases:
        report = check_document(Document.from_text("case.txt", draft), corpus, Settings())
        verdict = report.matches[0].verdict if report.matches else "missing"
        codes = {d.code for d in report.diagnostics}
        want_flag = kind in ("char", "word", "insert", "omit", "splice", "wrong-speaker")
        ok = (verdict in FLAGS) if want_flag else (verdict == "verified" and not codes & {"YW101", "YW102", "YW103"})
        if kind == "punct":
            ok = ok and "YW104" in codes
        if args.misses and not ok:
            print(f"MISS {kind}: {verdict} {sorted(codes)} {draft[len(FILLER):-len(FILLER)]}")
        tallies.setdefault(kind, [0, 0])
        tallies[kind][0] += ok
        tallies[kind][1] += 1
    elapsed = time.perf_counter() - started
    flagged = [tallies[k] for k in tallies if k in ("char", "word", "insert", "omit", "splice", "wrong-speaker")]
    clean = [tallies[k] for k in tallies if k in ("verified", "fragment", "punct")]
    for kind, (right, total) in sorted(tallies.items()):
        print(f"{kind:<14}{right:>5}/{total}")
    recall = sum(r for r, _ in flagged) / sum(t for _, t in flagged)
    clean_ok = sum(r for r, _ in clean) / sum(t for _, t in clean)
    print(f"ACCURACY cases {len(cases)} flag-recall {recall:.3f} clean-correct {clean_ok:.3f} "
          f"({elapsed / len(cases) * 1000:.1f} ms per draft)")
    sys.exit(0)


if __name__ == "__main__":
    main()
