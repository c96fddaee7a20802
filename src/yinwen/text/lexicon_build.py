"""Build the lexicon's arrays from jieba's dict.txt and HMM tables, without a string per word.

Why: the first run builds this, and with a Python string for each of the 349,046 words (and three
tokens per line) the build took about 2 s and 200 MB. The dictionary is read as one array of code
points; words, frequencies and tags are spans of it, hashed and parsed a column at a time. A word
listed twice keeps its later line (as in jieba); keys that agree are checked character by character,
so a collision between two different words is an error, never a silent merge.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from yinwen.text.lexicon_keys import same_spans, span_keys
from yinwen.text.lexicon_store import LEXICON_FORMAT, MIN_FLOAT, STATES, check_structure, lexicon_source


class _Lines:
    """The dictionary as code points and, per line, the spans of its word, frequency and tag."""

    def __init__(self, text: str) -> None:
        """``text`` in jieba's own layout (``word freq tag`` on every line, single spaces) is read as it is,
        without a loop per line; any other is first rewritten to it line by line."""
        if not text.endswith("\n"):
            text += "\n"
        if ("\r" in text or "\t" in text or not self._spans(text)) and not self._spans(_jieba_layout(text)):
            raise ValueError("the word dictionary has a line whose frequency is not a number")

    def _spans(self, text: str) -> bool:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        ends = np.flatnonzero(codes == 10)
        spaces = np.flatnonzero(codes == 32)
        starts = np.concatenate(([0], ends[:-1] + 1))
        if len(spaces) != 2 * len(ends) or not np.array_equal(np.searchsorted(ends, spaces),
                                                                np.repeat(np.arange(len(ends)), 2)):
            return False
        first, second = spaces[0::2], spaces[1::2]
        self.codes, self.word_starts, self.word_lengths = codes, starts, first - starts
        self.freq_starts, self.freq_lengths = first + 1, second - first - 1
        self.tag_starts, self.tag_lengths = second + 1, ends - second - 1
        return bool(np.all(self.word_lengths > 0)) and self._digits_only()

    def _digits_only(self) -> bool:
        if np.any(self.freq_lengths < 1) or np.any(self.freq_lengths > 18):
            return False
        for column in range(int(self.freq_lengths.max(initial=0))):
            live = np.flatnonzero(self.freq_lengths > column)
            digit = self.codes[self.freq_starts[live] + column]
            if np.any((digit < 48) | (digit > 57)):
                return False
        return True

    def freqs(self) -> np.ndarray:
        value = np.zeros(len(self.freq_starts), dtype=np.int64)
        for column in range(int(self.freq_lengths.max(initial=0))):
            live = np.flatnonzero(self.freq_lengths > column)
            value[live] = value[live] * 10 + (self.codes[self.freq_starts[live] + column].astype(np.int64) - 48)
        return value

    def tags(self) -> tuple[np.ndarray, list[str]]:
        """Each line's tag number (1-based in the sorted tag names) and the names."""
        keys, _ = span_keys(self.codes, self.tag_starts, self.tag_lengths)
        first = _first_of_each(keys)
        if not bool(np.all(same_spans(self.codes, self.tag_starts, self.tag_lengths, first))):
            raise ValueError("hash collision among the dictionary's tags")
        heads = np.unique(first)
        names = [self.codes[self.tag_starts[i]: self.tag_starts[i] + self.tag_lengths[i]].tobytes()
                 .decode("utf-32-le") for i in heads.tolist()]
        order = sorted(range(len(names)), key=names.__getitem__)
        number_of_head = np.zeros(len(keys), dtype=np.int64)
        number_of_head[heads[order]] = np.arange(1, len(names) + 1)
        return number_of_head[first], [names[i] for i in order]


def _jieba_layout(text: str) -> str:
    """Each line with a word and a frequency as ``word freq tag`` (the tag empty when missing)."""
    fields = [line.strip().split(" ") for line in text.splitlines()]
    return "".join(f"{parts[0]} {parts[1]} {parts[2] if len(parts) > 2 else ''}\n" for parts in fields
                   if len(parts) >= 2 and parts[0])


def _first_of_each(keys: np.ndarray) -> np.ndarray:
    """For each position, the first position with the same key."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    fresh = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    group_first = order[np.flatnonzero(fresh)]
    first = np.empty(len(keys), dtype=np.int64)
    first[order] = group_first[np.cumsum(fresh) - 1]
    return first


def _last_of_each(keys: np.ndarray) -> np.ndarray:
    """The positions that are the last with their key (a word listed again later is dropped)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    last = np.concatenate((ordered[1:] != ordered[:-1], [True]))
    return np.sort(order[last])


def compute() -> tuple[dict[str, np.ndarray], dict]:
    """The arrays and metadata of the lexicon (about a third of a second)."""
    from jieba.finalseg.prob_emit import P as emit_p
    from jieba.finalseg.prob_start import P as start_p
    from jieba.finalseg.prob_trans import P as trans_p

    dictionary, _ = lexicon_source()
    lines = _Lines(Path(dictionary).read_text(encoding="utf-8"))
    line_freqs = lines.freqs()
    total = int(line_freqs.sum())  # every line counts, a repeated word too, as in jieba
    line_tags, tag_names = lines.tags()
    if len(tag_names) > 255:
        raise ValueError("too many part-of-speech tags for the lexicon")
    line_keys, prefix_keys = span_keys(lines.codes, lines.word_starts, lines.word_lengths, prefixes=True)
    if not bool(np.all(same_spans(lines.codes, lines.word_starts, lines.word_lengths, _first_of_each(line_keys)))):
        raise ValueError("hash collision in the lexicon")
    kept = _last_of_each(line_keys)
    word_keys = line_keys[kept]
    sorted_words = np.sort(word_keys)
    # Sorting beats np.unique/np.setdiff1d (hash tables in numpy 2) several times over on int64 keys.
    prefix_keys = np.sort(prefix_keys)
    prefix_keys = prefix_keys[np.concatenate(([True], prefix_keys[1:] != prefix_keys[:-1]))]
    at = np.minimum(np.searchsorted(sorted_words, prefix_keys), len(sorted_words) - 1)
    prefix_keys = prefix_keys[sorted_words[at] != prefix_keys]  # a prefix that is itself a word keeps its frequency
    # Prefixes (frequency 0) are not compared character by character here: tests/test_wordseg.py
    # checks that every prefix of the dictionary jieba ships (the only one read) has its own key.
    keys = np.concatenate([word_keys, prefix_keys])
    values = np.concatenate([line_freqs[kept], np.zeros(len(prefix_keys), dtype=np.int64)])
    tags = np.concatenate([line_tags[kept].astype(np.uint8), np.zeros(len(prefix_keys), dtype=np.uint8)])
    order = np.argsort(keys, kind="stable")
    keys, values, tags = keys[order], values[order], tags[order]
    chars = sorted({ch for table in emit_p.values() for ch in table})
    emit = np.array([[emit_p[state].get(ch, MIN_FLOAT) for state in STATES] for ch in chars], dtype=np.float64)
    arrays = {"keys": keys, "freqs": values, "tags": tags,
              "emit_chars": np.array([ord(c) for c in chars], dtype=np.int64), "emit": emit}
    meta = {"format": LEXICON_FORMAT, "keys": len(keys), "emit": len(chars), "total": total, "tags": tag_names,
            "start": [start_p[s] for s in STATES],
            "trans": [[trans_p[a].get(b, MIN_FLOAT) for b in STATES] for a in STATES]}
    check_structure(arrays, meta)
    return arrays, meta
