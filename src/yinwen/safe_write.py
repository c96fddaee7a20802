"""The one way yinwen writes a file a user will read (--fix, --annotate, --html-report, --write-baseline,
``corpus add``): all or nothing, and never a surprise.

- Atomic: the bytes go to a temporary file in the target's own directory (a short name, so a 250-byte
  file name still fits), are flushed to disk, and are renamed over the target. A crash or a full disk
  leaves the old file whole.
- The file stays the same file: a symlink is followed and its target replaced (the link stays a link,
  even across devices); permissions, owner and extended attributes are copied. A file with several
  hard links, or one whose owner a rename would change, is rewritten in place instead, after a backup
  copy beside it that is removed once the write succeeded (and named in the error if it did not).
- Nothing the user changed is lost: with ``expected`` (what the caller read), the target is compared
  again just before it is replaced, and a file that changed in the meantime is left alone.
- A FIFO or a character device (``/dev/stdout``) is written as a stream; a directory, a block device or
  a socket is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

TEMP_PREFIX = ".yw-"


class WriteError(OSError):
    """A file was not written; the message is one line for the user, and the old file is intact."""


class TargetChanged(WriteError):
    """The file changed after it was read; writing would throw the change away."""


@dataclass(frozen=True)
class Snapshot:
    """What a file held when the caller read it (or that it did not exist)."""

    exists: bool
    size: int = 0
    digest: str = ""

    @classmethod
    def of_bytes(cls, data: bytes) -> Snapshot:
        return cls(True, len(data), hashlib.sha256(data).hexdigest())

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        """The file's content now; only regular files are read (a FIFO would block)."""
        try:
            status = os.stat(path)
        except FileNotFoundError:
            return cls(False)
        if not stat.S_ISREG(status.st_mode):
            return cls(True, -1, f"{status.st_dev}:{status.st_ino}")
        digest = hashlib.sha256()
        size = 0
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        return cls(True, size, digest.hexdigest())


def write_atomic(path: Path, data: bytes, expected: Snapshot | None = None) -> None:
    """Replace ``path`` with ``data`` as described above; raises WriteError (or TargetChanged)."""
    path = Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteError(f"{path}: {error.strerror or error}") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_stream(path, data, status)
        return
    real = Path(os.path.realpath(path))
    _require_unchanged(real, expected)
    if status is not None and (status.st_nlink > 1 or not _can_keep_owner(status)):
        _write_in_place(real, data, status, expected)
        return
    _write_by_rename(real, data, status, expected)


def _write_stream(path: Path, data: bytes, status: os.stat_result) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise WriteError(f"{path}: is a directory")
    if not (stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode)):
        raise WriteError(f"{path}: not a regular file, a pipe or a terminal; refusing to write to it")
    try:
        with open(path, "wb") as out:
            out.write(data)
    except OSError as error:
        raise WriteError(f"{path}: {error.strerror or error}") from None


def _require_unchanged(real: Path, expected: Snapshot | None) -> None:
    if expected is None:
        return
    try:
        now = Snapshot.of(real)
    except OSError as error:
        raise WriteError(f"{real}: cannot read it again before writing: {error.strerror or error}") from None
    if now != expected:
        raise TargetChanged(f"{real}: the file changed after yinwen read it; nothing was written (check it again)")


def _can_keep_owner(status: os.stat_result) -> bool:
    """A renamed-in file belongs to whoever wrote it: only root (or the owner) keeps the old owner."""
    if not hasattr(os, "geteuid"):  # no POSIX owners to keep
        return True
    return os.geteuid() == 0 or (status.st_uid == os.geteuid() and status.st_gid in os.getgroups() + [os.getegid()])


def _write_by_rename(real: Path, data: bytes, status: os.stat_result | None, expected: Snapshot | None) -> None:
    directory = real.parent
    temporary = directory / f"{TEMP_PREFIX}{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise WriteError(f"{real}: cannot write in {directory}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if status is not None:
            if hasattr(os, "chown"):
                os.chown(temporary, status.st_uid, status.st_gid)
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            _copy_xattrs(real, temporary)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        _require_unchanged(real, expected)
        os.replace(temporary, real)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(f"{real}: {error.strerror or error}; the file was left as it was") from None
        raise
    _sync_directory(directory)


def _write_in_place(real: Path, data: bytes, status: os.stat_result, expected: Snapshot | None) -> None:
    """Overwrite the file's own bytes (its inode, links and owner stay), with a backup beside it."""
    backup = real.parent / f"{TEMP_PREFIX}{secrets.token_hex(4)}.bak"
    try:
        original = real.read_bytes()
        with open(backup, "xb") as copy:
            copy.write(original)
            copy.flush()
            os.fsync(copy.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise WriteError(f"{real}: cannot make a backup before rewriting it: {error.strerror or error}") from None
    try:
        _require_unchanged(real, expected)
        with open(real, "r+b") as out:
            out.write(data)
            out.truncate()
            out.flush()
            os.fsync(out.fileno())
    except TargetChanged:
        os.unlink(backup)
        raise
    except OSError as error:
        if _restore(real, original):
            os.unlink(backup)
            raise WriteError(f"{real}: {error.strerror or error}; the file was left as it was") from None
        raise WriteError(f"{real}: {error.strerror or error}; its old content is in {backup}") from None
    os.unlink(backup)


def _restore(real: Path, original: bytes) -> bool:
    try:
        with open(real, "r+b") as out:
            out.write(original)
            out.truncate()
        return True
    except OSError:
        return False


def _copy_xattrs(source: Path, target: Path) -> None:
    """Extended attributes (ACLs, SELinux labels, macOS tags) belong to the file, not to its bytes."""
    if not hasattr(os, "listxattr"):
        return
    with contextlib.suppress(OSError):
        for name in os.listxattr(source):
            with contextlib.suppress(OSError):
                os.setxattr(target, name, os.getxattr(source, name))


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
