"""Generate a realistic Chinese corpus of a given size by shuffling sentences of the bundled corpus.

Sources are JSONL records of 1,000–6,000 characters (one source per line, ten files), with titles and
speakers, so the index sees the same shape of data a user's archive would have. Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SENTENCE_END = re.compile(r"(?<=[。！？；])")


def bundled_sentences() -> list[str]:
    from yinwen.corpus.sources import load_sources
    from yinwen.resources import bundled_corpus_dir

    sentences: list[str] = []
    for source in load_sources([bundled_corpus_dir()]):
        for paragraph in source.paragraphs:
            sentences.extend(s for s in SENTENCE_END.split(paragraph) if len(s) >= 4)
    return sentences


def generate(target: Path, chars: int, seed: int = 1) -> int:
    """Write about ``chars`` characters of sources under ``target``; returns the characters written."""
    rng = random.Random(seed)
    sentences = bundled_sentences()
    target.mkdir(parents=True, exist_ok=True)
    files = [(target / f"part-{i:02d}.jsonl").open("w", encoding="utf-8") for i in range(10)]
    written = 0
    number = 0
    try:
        while written < chars:
            size = rng.randrange(1000, 6000)
            paragraphs, length, current = [], 0, []
            while length < size:
                sentence = sentences[rng.randrange(len(sentences))]
                current.append(sentence)
                length += len(sentence)
                if len(current) >= rng.randrange(3, 9):
                    paragraphs.append("".join(current))
                    current = []
            if current:
                paragraphs.append("".join(current))
            text = "\n".join(paragraphs)
            record = {"id": f"gen-{number:07d}", "title": f"生成文稿第{number}号", "speaker": f"作者{number % 997}",
                      "date": f"20{number % 25:02d}-0{1 + number % 9}-1{number % 10}", "kind": "speech", "text": text}
            files[number % 10].write(json.dumps(record, ensure_ascii=False) + "\n")
            written += len(text)
            number += 1
    finally:
        for handle in files:
            handle.close()
    return written


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]), int(float(sys.argv[2]))))
