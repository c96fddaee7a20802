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


def lexicon_source() -> tuple[Path, str]:
    """jieba's dictionary file and a stamp of the installed jieba (its version and the file's size)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    dictionary = Path(spec.origin).with_name("dict.txt")
    stat = dictionary.stat()
    return dictionary, f"{stat.st_size}-{LEXICON_FORMAT}"


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
