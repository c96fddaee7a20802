"""jieba's segmentation algorithm over a memory-mapped dictionary: the same tokens, without the start-up cost.

Why: rjieba builds its whole dictionary (349,046 words) when it is imported — about 0.3 s, the
largest single cost of ``yinwen check`` on one small file — and jieba needs a second. The stutter
rule segments only a few windows of some twenty characters, which need a few hundred dictionary
look-ups. So the dictionary and the HMM tables are converted once, from the installed jieba
package, into flat arrays in the cache directory (hashes of words and prefixes → frequency; emission
log-probabilities per character), and every later process memory-maps them in about a millisecond.

The algorithm is jieba's ``cut(HMM=True)`` as jieba-rs implements it: split into Han/alphanumeric
blocks; per block a DAG of dictionary words, the maximum-probability route, and the HMM (Viterbi
over B/M/E/S) for runs of single characters that are not a dictionary word. Tests compare the tokens
with rjieba's on real text.
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

from yinwen.memory import release_free_memory
from yinwen.text import lexicon_store
from yinwen.text.lexicon_keys import word_key
from yinwen.text.lexicon_store import MIN_FLOAT, STATES, lexicon_source

# jieba-rs's default block and skip patterns, and its HMM's.
RE_HAN = re.compile(
    "([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002b73f\U0002b740-\U0002b81f"
    "\U0002b820-\U0002ceaf\U0002ceb0-\U0002ebef\U0002f800-\U0002fa1fa-zA-Z0-9+#&._%\\-]+)"
)
RE_SKIP = re.compile(r"(\r\n|\s)")
RE_HMM_HAN = re.compile("([\u4e00-\u9fd5]+)")
# Alphanumeric runs joined by . - _ stay one token (12.5%, COVID-19, a.b): rjieba's behaviour, not jieba's.
RE_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:[._\-][a-zA-Z0-9]+)*%?)")
PREV = {"B": "ES", "E": "BM", "M": "MB", "S": "SE"}


class Lexicon:
    """Word and prefix frequencies plus HMM tables, all flat arrays (memory-mapped, or in memory)."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict) -> None:
        self.keys = arrays["keys"]
        self.freqs = arrays["freqs"]
        self.emit_chars = arrays["emit_chars"]
        self.emit = arrays["emit"]
        self.tags = arrays["tags"]
        self.tag_names: list[str] = meta["tags"]
        self.logtotal = math.log(meta["total"])
        self.start = meta["start"]
        self.trans = meta["trans"]
        self._freqs: dict[str, int | None] = {}

    def freq(self, word: str) -> int | None:
        """Frequency of a word (0 for a mere prefix of some word), None when neither (memoised: the
        segmenter asks for the same prefixes again and again)."""
        cached = self._freqs.get(word, -1)
        if cached != -1:
            return cached
        slot = self._slot(word)
        found = None if slot is None else int(self.freqs[slot])
        self._freqs[word] = found
        return found

    def entry(self, word: str) -> tuple[int, str] | None:
        """(frequency, part-of-speech tag) of a dictionary word; None for a mere prefix or a non-word."""
        slot = self._slot(word)
        tag = 0 if slot is None else int(self.tags[slot])
        return (int(self.freqs[slot]), self.tag_names[tag - 1]) if tag else None

    def _slot(self, word: str) -> int | None:
        """Where ``word`` (a word or a prefix of one) stands in the arrays, None when it is neither."""
        key = word_key(word)
        slot = int(np.searchsorted(self.keys, key))
        return slot if slot < len(self.keys) and int(self.keys[slot]) == key else None

    def emit_row(self, ch: str) -> tuple[float, float, float, float]:
        code = ord(ch)
        slot = int(np.searchsorted(self.emit_chars, code))
        if slot < len(self.emit_chars) and int(self.emit_chars[slot]) == code:
            return tuple(float(v) for v in self.emit[slot])  # type: ignore[return-value]
        return (MIN_FLOAT,) * 4


def lexicon_dir() -> Path:
    from yinwen.cachedir import cache_root

    _, stamp = lexicon_source()
    return cache_root() / "lexicon" / stamp


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, once per process: the cached one when it passes its checks, else built (about a
    second) and cached — or, when the cache cannot be written, kept in memory for this process with one
    warning, instead of being rebuilt for every word looked up. Raises ImportError without jieba."""
    target = lexicon_dir()
    try:
        return Lexicon(*lexicon_store.load(target))
    except (FileNotFoundError, NotADirectoryError):  # not built yet, or no cache folder at all
        pass
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        from yinwen.messages import msg

        sys.stderr.write(f"yinwen: {msg('lexicon-damaged', path=target, problem=error)}\n")
    return rebuild(target)


def rebuild(target: Path) -> Lexicon:
    """Build the lexicon and cache it under ``target`` (in memory only when the cache cannot be written)."""
    from yinwen.cachedir import note_unwritable
    from yinwen.text.lexicon_build import compute  # only a build needs it

    arrays, meta = compute()
    release_free_memory()  # the dictionary's million strings are gone
    try:
        lexicon_store.store(target, arrays, meta)
    except OSError as error:
        note_unwritable(target.parent, error)
    return Lexicon(arrays, meta)


def cut(text: str) -> list[str]:
    """jieba's ``cut(text, HMM=True)``."""
    lex = lexicon()
    words: list[str] = []
    for block in RE_HAN.split(text):
        if not block:
            continue
        if RE_HAN.fullmatch(block):
            _cut_dag_hmm(block, lex, words)
            continue
        for part in RE_SKIP.split(block):
            if not part:
                continue
            if RE_SKIP.fullmatch(part):
                words.append(part)
            else:
                words.extend(part)
    return words


def _cut_dag_hmm(sentence: str, lex: Lexicon, words: list[str]) -> None:
    n = len(sentence)
    dag: list[list[int]] = []
    for k in range(n):
        ends = []
        i = k
        frag = sentence[k]
        while i < n:
            freq = lex.freq(frag)
            if freq is None:
                break
            if freq:
                ends.append(i)
            i += 1
            frag = sentence[k: i + 1]
        dag.append(ends or [k])
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        route[idx] = max((math.log(lex.freq(sentence[idx: x + 1]) or 1) - lex.logtotal + route[x + 1][0], x)
                         for x in dag[idx])
    x = 0
    buf = ""
    while x < n:
        y = route[x][1] + 1
        if y - x == 1:
            buf += sentence[x:y]
        else:
            if buf:
                _flush(buf, lex, words)
                buf = ""
            words.append(sentence[x:y])
        x = y
    if buf:
        _flush(buf, lex, words)


def _flush(buf: str, lex: Lexicon, words: list[str]) -> None:
    if len(buf) == 1:
        words.append(buf)
    elif not lex.freq(buf):
        _hmm_cut(buf, lex, words)
    else:
        words.extend(buf)


def _hmm_cut(sentence: str, lex: Lexicon, words: list[str]) -> None:
    for block in RE_HMM_HAN.split(sentence):
        if not block:
            continue
        if RE_HMM_HAN.fullmatch(block):
            _viterbi_cut(block, lex, words)
        else:
            words.extend(part for part in RE_HMM_SKIP.split(block) if part)


def _viterbi_cut(sentence: str, lex: Lexicon, words: list[str]) -> None:
    index = {state: i for i, state in enumerate(STATES)}
    emit0 = lex.emit_row(sentence[0])
    prob = {s: lex.start[index[s]] + emit0[index[s]] for s in STATES}
    path = {s: s for s in STATES}
    for ch in sentence[1:]:
        emit = lex.emit_row(ch)
        new_prob, new_path = {}, {}
        for y in STATES:
            # Ties (after an unknown character every path is MIN_FLOAT) go to the later state letter
            # (B < E < M < S): jieba and rjieba both compare (probability, state) pairs.
            best_p, best_s = None, ""
            for y0 in PREV[y]:
                p = prob[y0] + lex.trans[index[y0]][index[y]] + emit[index[y]]
                if best_p is None or p > best_p or (p == best_p and y0 > best_s):
                    best_p, best_s = p, y0
            new_prob[y] = best_p
            new_path[y] = path[best_s] + y
        prob, path = new_prob, new_path
    state = "S" if prob["S"] >= prob["E"] else "E"
    tags = path[state]
    begin = nexti = 0
    for i, ch in enumerate(sentence):
        tag = tags[i]
        if tag == "B":
            begin = i
        elif tag == "E":
            words.append(sentence[begin: i + 1])
            nexti = i + 1
        elif tag == "S":
            words.append(ch)
            nexti = i + 1
    if nexti < len(sentence):
        words.append(sentence[nexti:])
