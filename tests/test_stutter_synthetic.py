"""YW201 against stutters made the way drafts get them: the last character of a two-character word
typed twice (防治治结合, 年度度的), in sentences of the 23 real drafts. Also checks the same sentences
untouched stay almost clean. Fixed seeds keep the sample stable; the figures were 0.90-0.94 recall."""

from __future__ import annotations

import random
import re

import pytest

from tests.conftest import REAL_DRAFTS

HAN = re.compile(r"^[\u4e00-\u9fff]{2}$")


def _sentences() -> list[str]:
    found = []
    for path in sorted(REAL_DRAFTS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            found += [s for s in re.split(r"(?<=[。；！？])", line) if 15 <= len(s) <= 80]
    return found


@pytest.fixture(scope="module")
def outcome(corpus):
    from yinwen.document import Document
    from yinwen.quotes import extract_quotes
    from yinwen.rules import Context
    from yinwen.rules.stutter import DuplicatedWord
    from yinwen.segment import segment

    def flagged(text: str) -> bool:
        document = Document.from_text("draft.txt", text)
        return bool(list(DuplicatedWord().check(Context(document, extract_quotes(document), [], corpus))))

    rng = random.Random(20261129)
    clean = caught = made = 0
    sample = rng.sample(_sentences(), 200)
    for sentence in sample:
        if flagged(sentence):
            continue
        clean += 1
        ends, position = [], 0
        for token in segment(sentence):
            position += len(token)
            if HAN.match(token):
                ends.append(position - 1)
        if not ends:
            continue
        at = rng.choice(ends)
        made += 1
        caught += flagged(sentence[: at + 1] + sentence[at] + sentence[at + 1:])
    return len(sample), clean, made, caught


def test_untouched_sentences_stay_clean(outcome):
    total, clean, _, _ = outcome
    assert clean / total >= 0.98


def test_doubled_word_endings_are_caught(outcome):
    _, _, made, caught = outcome
    assert made >= 150
    assert caught / made >= 0.88
