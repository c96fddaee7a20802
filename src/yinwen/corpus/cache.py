"""Where cached indexes live, how a corpus is keyed, and how concurrent builders stay out of each other's way.

The key of an index is a content hash (every source file's path and bytes, the normaliser's data and the
index format). Hashing tens of megabytes on every run costs more than opening the index, so a small
manifest remembers, per set of corpus directories, each file's (path, size, mtime_ns, inode) and the
content hash they produced: when nothing changed on disk the hash is reused, and any change at all
falls back to hashing the bytes again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from yinwen.corpus.sources import METADATA_VERSION, NOT_SOURCES, SOURCE_SUFFIXES, CorpusError, corpus_files
from yinwen.messages import msg, os_reason
from yinwen.resources import data_dir

INDEX_FORMAT = 4
MANIFEST_FORMAT = 1
# Waiting longer than this for another process's build means something is stuck: build privately.
LOCK_TIMEOUT_S = 600.0
# An index of another format not rebuilt for this long is left over from an upgrade. A younger one may
# belong to a second installed version (a pre-commit environment, say) that would only rebuild it.
OTHER_FORMAT_AGE_S = 30 * 86400.0


def _entries(directories: list[Path]) -> list[tuple[Path, str]]:
    """(file, name used in the hash) for every source file, plus provenance listings that shape metadata."""
    entries: list[tuple[Path, str]] = []
    for directory in directories:
        for path in corpus_files(directory):
            relative = path.name if directory.is_file() else path.relative_to(directory).as_posix()
            entries.append((path, relative))
            listing = path.parent / "SOURCES.toml"
            if path.suffix == ".jsonl" and listing.is_file():
                entries.append((listing, relative + "#SOURCES.toml"))
        entries.append((Path(), "\x00dir"))
    return entries


def content_fingerprint(directories: list[Path]) -> str:
    """sha256 over every source file's relative path and bytes, the normaliser data and the format."""
    digest = hashlib.sha256(f"yinwen-index-{INDEX_FORMAT}-metadata-{METADATA_VERSION}".encode())
    digest.update((data_dir() / "variants.tsv").read_bytes())
    for path, name in _entries(directories):
        if name == "\x00dir":
            digest.update(b"\x00dir\x00")
            continue
        if name.endswith("#SOURCES.toml"):
            digest.update(_source_bytes(path))
            continue
        digest.update(name.encode("utf-8") + b"\x00")
        digest.update(_source_bytes(path))
    return digest.hexdigest()


def _source_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CorpusError(msg("corpus-cannot-read", path=path, reason=os_reason(error))) from None


def _walk_sources(directory: Path) -> list[str]:
    """The same files as ``corpus_files`` (plus the SOURCES.toml beside JSONL), found with os.walk.

    This runs on every check; os.walk with plain strings costs a fraction of rglob and Path objects.
    """
    if directory.is_file():
        return [str(directory)]
    found: list[str] = []
    # Symlinked directories are not entered; a folder that cannot be listed sends the caller to the
    # full hash, whose walk (corpus_files) reports it.
    for root, dirs, files in os.walk(directory, onerror=_raise):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        has_jsonl = False
        for name in sorted(files):
            lower = name.lower()
            if name.startswith(".") or lower in NOT_SOURCES or os.path.splitext(lower)[1] not in SOURCE_SUFFIXES:
                continue
            path = os.path.join(root, name)
            if os.path.isfile(path):
                found.append(path)
                has_jsonl = has_jsonl or lower.endswith(".jsonl")
        if has_jsonl and "SOURCES.toml" in files:
            found.append(os.path.join(root, "SOURCES.toml"))
    return found


def _raise(error: OSError) -> None:
    raise error


def _stat_list(directories: list[Path]) -> list[list[object]]:
    stats: list[list[object]] = []
    paths = [str(data_dir() / "variants.tsv")] + [p for d in directories for p in _walk_sources(d)]
    for path in paths:
        info = os.stat(path)
        stats.append([path, info.st_size, info.st_mtime_ns, info.st_ino])
    return stats


def _manifest_path(root: Path, directories: list[Path]) -> Path:
    key = hashlib.sha256(
        json.dumps([str(d.resolve()) for d in directories] + [INDEX_FORMAT, METADATA_VERSION], ensure_ascii=False).encode("utf-8")
    ).hexdigest()[:32]
    return root / "manifests" / f"{key}.json"


def fingerprint(directories: list[Path], root: Path | None = None) -> str:
    """The content hash of ``directories``, reused from the stat manifest when no file changed."""
    if root is None:
        return content_fingerprint(directories)
    try:
        stats = _stat_list(directories)
    except OSError:
        return content_fingerprint(directories)
    manifest = _manifest_path(root, directories)
    previous = ""
    try:
        saved = json.loads(manifest.read_text(encoding="utf-8"))
        if saved.get("format") == MANIFEST_FORMAT and len(saved.get("fingerprint", "")) == 64:
            if saved.get("files") == stats:
                return str(saved["fingerprint"])
            previous = str(saved["fingerprint"])
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):  # a damaged manifest is rebuilt
        pass
    digest = content_fingerprint(directories)
    if previous and previous != digest:
        _prune(root, previous)
    with contextlib.suppress(OSError):
        write_atomically(manifest, json.dumps({"format": MANIFEST_FORMAT, "files": stats, "fingerprint": digest},
                                              ensure_ascii=False).encode("utf-8"))
    return digest


def _prune(root: Path, stale: str) -> None:
    """Remove the index these directories had before their content changed: each one can be hundreds of
    megabytes, and an edited user corpus would otherwise leave one behind per edit. A process still
    reading it keeps its memory mapping (unlinking never breaks one); another directory set that shares
    the same content simply rebuilds it."""
    import shutil

    stale_dir = root / "index" / stale[:40]
    if stale_dir.is_dir():
        aside = stale_dir.with_name(f"{stale_dir.name}.old-{os.getpid()}")
        with contextlib.suppress(OSError):
            os.replace(stale_dir, aside)
            shutil.rmtree(aside, ignore_errors=True)
    with contextlib.suppress(OSError):
        stale_dir.with_name(stale_dir.name + ".lock").unlink()


def prune_other_formats(root: Path, now: float | None = None) -> list[str]:
    """Remove indexes of another format that were built over OTHER_FORMAT_AGE_S ago (each can be
    hundreds of megabytes, and the key of a new format never matches them). Returns what went."""
    import time

    now = time.time() if now is None else now
    removed = []
    try:
        directories = [entry for entry in (root / "index").iterdir() if entry.is_dir()]
    except OSError:
        return removed
    for directory in directories:
        if ".tmp-" in directory.name or ".old-" in directory.name:
            continue
        meta = directory / "meta.json"
        try:
            written = json.loads(meta.read_text(encoding="utf-8")).get("format")
            age = now - meta.stat().st_mtime
        except (OSError, ValueError, AttributeError):
            continue
        if written != INDEX_FORMAT and age > OTHER_FORMAT_AGE_S:
            _prune(root, directory.name)
            removed.append(directory.name)
    return removed


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def build_lock(lock_path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[bool]:
    """Hold an inter-process lock while building; yields False when it could not be had (build anyway)."""
    from filelock import FileLock, Timeout

    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=timeout)
        lock.acquire()
    except (Timeout, OSError):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
