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

import hashlib
import json
import math
import os
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

LEXICON_FORMAT = 2
MIN_FLOAT = -3.14e100
STATES = "BEMS"
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


def word_key(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class Lexicon:
    """Word and prefix frequencies plus HMM tables, all flat arrays."""

    def __init__(self, directory: Path) -> None:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != LEXICON_FORMAT:
            raise ValueError("lexicon format mismatch")
        self.keys = np.load(directory / "keys.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
        self.freqs = np.load(directory / "freqs.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
        self.emit_chars = np.load(directory / "emit_chars.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
        self.emit = np.load(directory / "emit.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
        self.tags = np.load(directory / "tags.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
        self.tag_names: list[str] = meta["tags"]
        if len(self.keys) != meta["keys"] or len(self.freqs) != meta["keys"] or len(self.tags) != meta["keys"] \
                or self.emit.shape != (meta["emit"], 4):
            raise ValueError("lexicon arrays do not match")
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


def lexicon_source() -> tuple[Path, str]:
    """jieba's dictionary file and a stamp of the installed jieba (its version and the file's size)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    dictionary = Path(spec.origin).with_name("dict.txt")
    stat = dictionary.stat()
    return dictionary, f"{stat.st_size}-{LEXICON_FORMAT}"


def build_lexicon(target: Path) -> None:
    """Convert jieba's dict.txt and HMM tables into arrays under ``target`` (atomically)."""
    from jieba.finalseg.prob_emit import P as emit_p
    from jieba.finalseg.prob_start import P as start_p
    from jieba.finalseg.prob_trans import P as trans_p

    dictionary, _ = lexicon_source()
    freqs: dict[str, int] = {}
    word_tags: dict[str, str] = {}
    total = 0
    with dictionary.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.strip().split(" ")
            if len(parts) < 2 or not parts[0]:
                continue
            word, freq = parts[0], int(parts[1])
            freqs[word] = freq
            word_tags[word] = parts[2] if len(parts) > 2 else ""
            total += freq
    entries = dict(freqs)
    for word in freqs:
        for end in range(1, len(word)):
            entries.setdefault(word[:end], 0)
    tag_names = sorted(set(word_tags.values()))
    if len(tag_names) > 255:
        raise ValueError("too many part-of-speech tags for the lexicon")
    tag_index = {tag: number for number, tag in enumerate(tag_names, 1)}  # 0: a prefix, not a word
    keys = np.array([word_key(word) for word in entries], dtype=np.int64)
    values = np.array(list(entries.values()), dtype=np.int64)
    tags = np.array([tag_index[word_tags[word]] if word in word_tags else 0 for word in entries], dtype=np.uint8)
    order = np.argsort(keys, kind="stable")
    keys, values, tags = keys[order], values[order], tags[order]
    if len(np.unique(keys)) != len(keys):
        raise ValueError("hash collision in the lexicon")
    chars = sorted({ch for table in emit_p.values() for ch in table})
    emit = np.array([[emit_p[state].get(ch, MIN_FLOAT) for state in STATES] for ch in chars], dtype=np.float64)
    meta = {"format": LEXICON_FORMAT, "keys": len(keys), "emit": len(chars), "total": total, "tags": tag_names,
            "start": [start_p[s] for s in STATES],
            "trans": [[trans_p[a].get(b, MIN_FLOAT) for b in STATES] for a in STATES]}
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
    try:
        np.save(staging / "keys.npy", keys, allow_pickle=False)
        np.save(staging / "freqs.npy", values, allow_pickle=False)
        np.save(staging / "tags.npy", tags, allow_pickle=False)
        np.save(staging / "emit_chars.npy", np.array([ord(c) for c in chars], dtype=np.int64), allow_pickle=False)
        np.save(staging / "emit.npy", emit, allow_pickle=False)
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            os.replace(staging, target)
        except OSError:
            # A damaged lexicon is in the way (or another process just finished): move it aside first.
            # Processes that mapped the old files keep reading them; renaming never breaks a mapping.
            aside = target.with_name(f"{target.name}.old-{os.getpid()}")
            os.replace(target, aside)
            os.replace(staging, target)
            shutil.rmtree(aside, ignore_errors=True)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not target.exists():
            raise


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cached lexicon, built on first use; raises OSError/ValueError/ImportError when it cannot be had."""
    from yinwen.cachedir import cache_root

    _, stamp = lexicon_source()
    target = cache_root() / "lexicon" / stamp
    try:
        return Lexicon(target)
    except (OSError, ValueError, KeyError):
        build_lexicon(target)
        return Lexicon(target)


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
