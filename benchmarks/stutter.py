"""YW201 (duplicated-word) on stutters made the way drafts get them: a guard against fitting.

Takes sentences from two sources, doubles one character in each and counts how many the rule
catches; the untouched sentences must stay clean. Two kinds of double: the last character of a
word (防治治结合, how the shared eval makes them) and any character (学学习, 班班子).

- real drafts: sentences of tests/fixtures/real-drafts (the drafts the rule was studied on);
- official text: sentences of the bundled 习近平 and CPC texts, checked without the corpus so the
  rule cannot excuse a pair by finding its context there. The rule was not tuned on these.

It also prints how many official-text sentences that contain a doubled character are flagged.

    python benchmarks/stutter.py [--sentences 1500] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from yinwen.corpus.store import open_corpus
from yinwen.resources import bundled_corpus_dir
from yinwen.rules import Context
from yinwen.rules.stutter import DuplicatedWord
from yinwen.text.document import Document
from yinwen.text.quotes import extract_quotes
from yinwen.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
DOUBLED = re.compile(r"([\u4e00-\u9fff])\1")
SENTENCE_END = re.compile(r"(?<=[。；！？])")


def draft_sentences() -> list[str]:
    found = []
    for path in sorted((ROOT / "tests" / "fixtures" / "real-drafts").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            found += [s for s in SENTENCE_END.split(line) if 15 <= len(s) <= 80]
    return found


def official_sentences(shortest: int = 15, longest: int = 80) -> list[str]:
    modern = bundled_corpus_dir() / "modern"
    found = []
    for path in sorted(modern.glob("xi-*.txt")) + sorted(modern.glob("cpc-*.txt")):
        body = path.read_text(encoding="utf-8").split("+++", 2)[-1]
        found += [s.strip() for s in SENTENCE_END.split(body) if shortest <= len(s.strip()) <= longest]
    return found


def word_endings(sentence: str) -> list[int]:
    ends, position = [], 0
    for token in segment(sentence):
        position += len(token)
        if WORD.match(token):
            ends.append(position - 1)
    return ends


def any_character(sentence: str) -> list[int]:
    return [i for i, ch in enumerate(sentence) if HAN.match(ch)
            and sentence[i - 1: i] != ch and sentence[i + 1: i + 2] != ch]


def measure(sentences: list[str], flagged, rng: random.Random) -> dict[str, float]:
    clean = 0
    made = {"end": 0, "any": 0}
    caught = {"end": 0, "any": 0}
    for sentence in sentences:
        if flagged(sentence):
            continue
        clean += 1
        for kind, positions in (("end", word_endings(sentence)), ("any", any_character(sentence))):
            if positions:
                at = rng.choice(positions)
                made[kind] += 1
                caught[kind] += flagged(sentence[: at + 1] + sentence[at] + sentence[at + 1:])
    return {"clean": clean / len(sentences), "end": caught["end"] / made["end"],
            "any": caught["any"] / made["any"], "made_end": made["end"], "made_any": made["any"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=1500, help="sentences per source")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    corpus = open_corpus([bundled_corpus_dir()])
    rule = DuplicatedWord()

    def checker(with_corpus):
        def flagged(text: str) -> bool:
            document = Document.from_text("draft.txt", text)
            return bool(list(rule.check(Context(document, extract_quotes(document), [], with_corpus))))
        return flagged

    started = time.perf_counter()
    for name, pool, flagged in (("real drafts", draft_sentences(), checker(corpus)),
                                ("official text", official_sentences(), checker(None))):
        rng = random.Random(args.seed)
        sample = rng.sample(pool, min(args.sentences, len(pool)))
        figures = measure(sample, flagged, rng)
        print(f"{name:14} sentences {len(sample):5}  untouched clean {figures['clean']:.3f}  "
              f"word-end doubles caught {figures['end']:.3f}  any-character doubles caught {figures['any']:.3f}")
    doubled = [s for s in official_sentences(15, 200) if DOUBLED.search(s)]
    flagged = checker(None)
    alarms = sum(flagged(s) for s in doubled)
    print(f"official sentences with a doubled character flagged: {alarms}/{len(doubled)} "
          f"({alarms / len(doubled):.3f})")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
