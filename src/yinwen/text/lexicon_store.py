"""The segmenter's dictionary as flat arrays in the cache: built once from jieba's files, never trusted blindly.

Every array file is recorded at build time with its size, its sha256 and the sha256 of each 64 KiB
chunk. Every load checks the sizes, the arrays' lengths and order (keys strictly increasing) and two
chunks of each file chosen at random (about a millisecond); ``verify`` re-hashes everything and
``yinwen corpus build`` runs it. A lexicon that fails either is rebuilt: a zeroed or flipped array used
to give wrong words for ever, and survived even ``corpus build``.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

LEXICON_FORMAT = 4
MIN_FLOAT = -3.14e100
STATES = "BEMS"
ARRAYS = ("keys", "freqs", "tags", "emit_chars", "emit")
CHUNK = 1 << 16
SAMPLED_CHUNKS = 2
# A staging folder this old belongs to a build that died (killed, power lost): it is removed.
STALE_STAGING_S = 3600.0


class LexiconDamaged(ValueError):
    """A cached lexicon that must not be used; the message says why."""


# The key of a word: FNV-1a over its code points, then splitmix64's finaliser (FNV alone mixes short
# inputs poorly). Chosen over a cryptographic hash because the build computes it for every word and
# every prefix at once, one numpy column per character: the state after j characters is the key's
# core for the word's first j characters, so the prefixes come free.
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1
MIX_1 = 0xBF58476D1CE4E5B9
MIX_2 = 0x94D049BB133111EB


def _finish(state: int) -> int:
    state = ((state ^ (state >> 30)) * MIX_1) & MASK64
    state = ((state ^ (state >> 27)) * MIX_2) & MASK64
    state ^= state >> 31
    return state - (1 << 64) if state >> 63 else state


def word_key(word: str) -> int:
    """The signed 64-bit key the lexicon stores for ``word`` (the same as ``_prefix_keys`` computes)."""
    state = FNV_OFFSET
    for ch in word:
        state = ((state ^ ord(ch)) * FNV_PRIME) & MASK64
    return _finish(state)


def _finish_array(state: np.ndarray) -> np.ndarray:
    state = (state ^ (state >> np.uint64(30))) * np.uint64(MIX_1)
    state = (state ^ (state >> np.uint64(27))) * np.uint64(MIX_2)
    return (state ^ (state >> np.uint64(31))).view(np.int64)


def _prefix_keys(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every word's key and the keys of all its proper prefixes (in no particular order)."""
    lengths = np.fromiter((len(word) for word in words), dtype=np.int64, count=len(words))
    width = int(lengths.max(initial=0))
    codes = np.zeros((len(words), width), dtype=np.uint64)
    flat = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32)
    rows = np.repeat(np.arange(len(words)), lengths)
    starts = np.cumsum(lengths) - lengths
    columns = np.arange(len(flat)) - np.repeat(starts, lengths)
    codes[rows, columns] = flat
    state = np.full(len(words), FNV_OFFSET, dtype=np.uint64)
    prefixes = []
    with np.errstate(over="ignore"):
        for column in range(width):
            live = lengths > column
            state[live] = (state[live] ^ codes[live, column]) * np.uint64(FNV_PRIME)
            shorter = lengths > column + 1
            prefixes.append(_finish_array(state[shorter]))
        return _finish_array(state), np.concatenate(prefixes) if prefixes else np.zeros(0, np.int64)


def lexicon_source() -> tuple[Path, str]:
    """jieba's dictionary file and a stamp of the installed jieba (its version and the file's size)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    dictionary = Path(spec.origin).with_name("dict.txt")
    stat = dictionary.stat()
    return dictionary, f"{stat.st_size}-{LEXICON_FORMAT}"


def _read_dictionary(dictionary: Path) -> tuple[list[str], np.ndarray, list[str]]:
    """Every line's word, frequency and tag, in file order. jieba's own file (three fields a line,
    single spaces) is split in one C call; any other goes line by line."""
    text = dictionary.read_text(encoding="utf-8")
    tokens = text.split()
    lines = text.count("\n") + (not text.endswith("\n"))
    if "\r" not in text and "\t" not in text and len(tokens) == 3 * lines == 3 * len(text.splitlines()) \
            and text.count(" ") == 2 * lines:
        return tokens[0::3], np.fromiter(map(int, tokens[1::3]), dtype=np.int64), tokens[2::3]
    words, freqs, tags = [], [], []
    for line in text.splitlines():
        parts = line.strip().split(" ")
        if len(parts) < 2 or not parts[0]:
            continue
        words.append(parts[0])
        freqs.append(int(parts[1]))
        tags.append(parts[2] if len(parts) > 2 else "")
    return words, np.array(freqs, dtype=np.int64), tags


def compute() -> tuple[dict[str, np.ndarray], dict]:
    """The arrays and metadata of the lexicon, from jieba's dict.txt and HMM tables (about a second)."""
    from jieba.finalseg.prob_emit import P as emit_p
    from jieba.finalseg.prob_start import P as start_p
    from jieba.finalseg.prob_trans import P as trans_p

    dictionary, _ = lexicon_source()
    listed, listed_freqs, listed_tags = _read_dictionary(dictionary)
    total = int(listed_freqs.sum())  # every line counts, a repeated word too, as in jieba
    last = dict(zip(listed, range(len(listed))))  # a word listed twice: the later line wins, as in jieba
    words = list(last)
    kept = np.fromiter(last.values(), dtype=np.int64, count=len(words))
    tag_names = sorted(set(listed_tags))
    if len(tag_names) > 255:
        raise ValueError("too many part-of-speech tags for the lexicon")
    tag_index = {tag: number for number, tag in enumerate(tag_names, 1)}  # 0: a prefix, not a word
    word_tags = np.fromiter(map(tag_index.__getitem__, listed_tags), dtype=np.uint8, count=len(listed))[kept]
    word_keys, prefix_keys = _prefix_keys(words)
    sorted_words = np.sort(word_keys)
    if bool(np.any(sorted_words[1:] == sorted_words[:-1])):
        raise ValueError("hash collision in the lexicon")
    # Sorting beats np.unique/np.setdiff1d (hash tables in numpy 2) several times over on int64 keys.
    prefix_keys = np.sort(prefix_keys)
    prefix_keys = prefix_keys[np.concatenate(([True], prefix_keys[1:] != prefix_keys[:-1]))]
    at = np.minimum(np.searchsorted(sorted_words, prefix_keys), len(sorted_words) - 1)
    prefix_keys = prefix_keys[sorted_words[at] != prefix_keys]  # a prefix that is itself a word keeps its frequency
    distinct_prefixes = len({word[:end] for word in words for end in range(1, len(word))} - last.keys())
    if len(prefix_keys) != distinct_prefixes:
        raise ValueError("hash collision in the lexicon")
    keys = np.concatenate([word_keys, prefix_keys])
    values = np.concatenate([listed_freqs[kept], np.zeros(len(prefix_keys), dtype=np.int64)])
    tags = np.concatenate([word_tags, np.zeros(len(prefix_keys), dtype=np.uint8)])
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


def store(target: Path, arrays: dict[str, np.ndarray], meta: dict) -> None:
    """Write the lexicon under ``target`` atomically (staging folder, checksums, meta.json last, rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
    try:
        files = {}
        for name in ARRAYS:
            np.save(staging / f"{name}.npy", arrays[name], allow_pickle=False)
            files[f"{name}.npy"] = _digests(staging / f"{name}.npy")
        (staging / "meta.json").write_text(json.dumps({**meta, "files": files}), encoding="utf-8")
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
        raise


def load(directory: Path, rng: random.Random | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """The memory-mapped arrays and metadata, after the cheap checks; raises LexiconDamaged or OSError."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as error:
        raise LexiconDamaged(f"meta.json: {type(error).__name__}") from None
    if not isinstance(meta, dict) or meta.get("format") != LEXICON_FORMAT or not isinstance(meta.get("files"), dict):
        raise LexiconDamaged("lexicon format mismatch")
    rng = rng or random.Random()
    arrays = {}
    for name in ARRAYS:
        file = directory / f"{name}.npy"
        recorded = meta["files"].get(file.name)
        if not isinstance(recorded, dict) or file.stat().st_size != recorded.get("bytes"):
            raise LexiconDamaged(f"{file.name} is truncated or has the wrong size")
        _check_sampled_chunks(file, recorded, rng)
        arrays[name] = np.load(file, mmap_mode="r", allow_pickle=False).view(np.ndarray)
    check_structure(arrays, meta)
    return arrays, meta


def check_structure(arrays: dict[str, np.ndarray], meta: dict) -> None:
    """Lengths, dtypes and the order binary search relies on: zeroed or shuffled keys break it."""
    keys, emit = arrays["keys"], arrays["emit"]
    try:
        count, emitted, tags = int(meta["keys"]), int(meta["emit"]), meta["tags"]
    except (KeyError, TypeError, ValueError):
        raise LexiconDamaged("meta.json lacks the array sizes") from None
    if not (len(keys) == len(arrays["freqs"]) == len(arrays["tags"]) == count) or emit.shape != (emitted, 4) \
            or len(arrays["emit_chars"]) != emitted:
        raise LexiconDamaged("lexicon arrays do not match")
    if keys.dtype != np.int64 or arrays["freqs"].dtype != np.int64 or arrays["tags"].dtype != np.uint8:
        raise LexiconDamaged("lexicon arrays have the wrong types")
    if count > 1 and not bool(np.all(keys[1:] > keys[:-1])):
        raise LexiconDamaged("lexicon keys are not in order")
    if emitted > 1 and not bool(np.all(arrays["emit_chars"][1:] > arrays["emit_chars"][:-1])):
        raise LexiconDamaged("lexicon characters are not in order")
    if count and int(arrays["tags"].max()) > len(tags):
        raise LexiconDamaged("lexicon tags out of range")


def verify(directory: Path) -> list[str]:
    """Every file re-hashed against its build-time sha256; the problems found (empty when sound)."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        files = meta["files"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:
        return [f"meta.json: {error}"]
    problems = []
    for name in ARRAYS:
        recorded = files.get(f"{name}.npy") if isinstance(files, dict) else None
        try:
            digest = hashlib.sha256((directory / f"{name}.npy").read_bytes()).hexdigest()
        except OSError as error:
            problems.append(f"{name}.npy: {error.strerror or error}")
            continue
        if not isinstance(recorded, dict) or digest != recorded.get("sha256"):
            problems.append(f"{name}.npy: checksum differs")
    return problems


def remove_stale_staging(parent: Path, now: float | None = None) -> None:
    """Staging and set-aside folders of builds that died long ago (a kill -9 leaves one behind)."""
    now = time.time() if now is None else now
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        if (".tmp-" in entry.name or ".old-" in entry.name) and entry.is_dir():
            try:
                old = now - entry.stat().st_mtime > STALE_STAGING_S
            except OSError:
                continue
            if old:
                shutil.rmtree(entry, ignore_errors=True)


def _digests(path: Path) -> dict:
    data = path.read_bytes()
    chunks = [hashlib.sha256(data[start:start + CHUNK]).hexdigest()[:16] for start in range(0, len(data), CHUNK)]
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "chunks": chunks}


def _check_sampled_chunks(file: Path, recorded: dict, rng: random.Random) -> None:
    chunks = recorded.get("chunks")
    if not isinstance(chunks, list) or len(chunks) != -(-int(recorded["bytes"]) // CHUNK):
        raise LexiconDamaged(f"{file.name}: no chunk checksums")
    with file.open("rb") as handle:
        for index in sorted(rng.sample(range(len(chunks)), min(SAMPLED_CHUNKS, len(chunks)))):
            handle.seek(index * CHUNK)
            if hashlib.sha256(handle.read(CHUNK)).hexdigest()[:16] != chunks[index]:
                raise LexiconDamaged(f"{file.name}: chunk {index} differs from its checksum")
