"""The key the lexicon stores for a word: a 64-bit hash of its code points, one at a time or a column at a time.

FNV-1a over code points, then splitmix64's finaliser (FNV alone mixes short inputs poorly). Chosen
over a cryptographic hash because the build computes it for every word and every prefix at once,
one numpy column per character position: the state after j characters is the core of the key of
the word's first j characters, so the keys of all prefixes come free.
"""

from __future__ import annotations

import numpy as np

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1
MIX_1 = 0xBF58476D1CE4E5B9
MIX_2 = 0x94D049BB133111EB


def word_key(word: str) -> int:
    """The signed 64-bit key of ``word`` (what ``span_keys`` computes for the same characters)."""
    state = FNV_OFFSET
    for ch in word:
        state = ((state ^ ord(ch)) * FNV_PRIME) & MASK64
    state = ((state ^ (state >> 30)) * MIX_1) & MASK64
    state = ((state ^ (state >> 27)) * MIX_2) & MASK64
    state ^= state >> 31
    return state - (1 << 64) if state >> 63 else state


def _finish(state: np.ndarray) -> np.ndarray:
    state = (state ^ (state >> np.uint64(30))) * np.uint64(MIX_1)
    state = (state ^ (state >> np.uint64(27))) * np.uint64(MIX_2)
    return (state ^ (state >> np.uint64(31))).view(np.int64)


def span_keys(codes: np.ndarray, starts: np.ndarray, lengths: np.ndarray, prefixes: bool = False
              ) -> tuple[np.ndarray, np.ndarray]:
    """Keys of the spans ``codes[starts[i]: starts[i] + lengths[i]]``, and (when asked) the keys of
    every proper prefix of every span, in no particular order."""
    state = np.full(len(starts), FNV_OFFSET, dtype=np.uint64)
    found = []
    with np.errstate(over="ignore"):
        for column in range(int(lengths.max(initial=0))):
            live = np.flatnonzero(lengths > column)
            state[live] = (state[live] ^ codes[starts[live] + column].astype(np.uint64)) * np.uint64(FNV_PRIME)
            if prefixes:
                found.append(_finish(state[live[lengths[live] > column + 1]]))
        return _finish(state), np.concatenate(found) if found else np.zeros(0, np.int64)


def same_spans(codes: np.ndarray, starts: np.ndarray, lengths: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Whether span i has the same characters as span ``other[i]`` (to tell a word listed twice from
    two words whose keys collide, without making a string of either)."""
    same = lengths == lengths[other]
    for column in range(int(lengths.max(initial=0))):
        live = np.flatnonzero(same & (lengths > column))
        same[live] = codes[starts[live] + column] == codes[starts[other[live]] + column]
    return same
