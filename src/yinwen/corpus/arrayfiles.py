"""Arrays as raw files with a CRC-32 per 64 KiB block: written as they grow, memory-mapped on load.

A build appends each array to its file while the checksum of every block is computed from the data
in memory; when the build ends every file is read back and its blocks compared (the build verifies
what reached the disk). A load checks one random block of every array; ``verify`` checks them all.
"""

from __future__ import annotations

import mmap
import os
import random
import zlib
from pathlib import Path

import numpy as np

BLOCK = 1 << 16


def _block_crcs(data: memoryview) -> list[int]:
    return [zlib.crc32(data[at: at + BLOCK]) for at in range(0, len(data), BLOCK)]


class _Writer:
    """One growing array file; blocks are checksummed as they fill."""

    def __init__(self, path: Path, dtype: np.dtype) -> None:
        self.path = path
        self.dtype = np.dtype(dtype)
        self.handle = path.open("wb")
        self.length = 0
        self.crcs: list[int] = []
        self.pending = b""

    def append(self, array: np.ndarray) -> None:
        if array.dtype != self.dtype:
            raise ValueError(f"{self.path.name}: {array.dtype} appended to {self.dtype}")
        data = memoryview(np.ascontiguousarray(array)).cast("B")
        self.handle.write(data)
        self.length += len(array)
        if self.pending:
            need = BLOCK - len(self.pending)
            self.pending += bytes(data[:need])
            data = data[need:]
            if len(self.pending) < BLOCK:
                return
            self.crcs.append(zlib.crc32(self.pending))
            self.pending = b""
        whole = len(data) - len(data) % BLOCK
        self.crcs.extend(_block_crcs(data[:whole]))
        self.pending = bytes(data[whole:])

    def close(self) -> dict[str, object]:
        if self.pending:
            self.crcs.append(zlib.crc32(self.pending))
            self.pending = b""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        return {"dtype": self.dtype.str, "length": self.length, "bytes": self.length * self.dtype.itemsize,
                "crcs": self.crcs}


class FileSink:
    """Writes each array to ``directory/<name>.bin`` as it grows."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._writers: dict[str, _Writer] = {}
        self.infos: dict[str, dict[str, object]] = {}

    def append(self, name: str, array: np.ndarray) -> None:
        writer = self._writers.get(name)
        if writer is None:
            writer = self._writers[name] = _Writer(self.directory / f"{name}.bin", array.dtype)
        writer.append(array)

    def put(self, name: str, array: np.ndarray) -> None:
        self.append(name, array)
        self.infos[name] = self._writers.pop(name).close()

    def view(self, name: str) -> np.ndarray:
        """The finished array, memory-mapped (its writer is closed)."""
        if name in self._writers:
            self.infos[name] = self._writers.pop(name).close()
        return map_array(self.directory, name, self.infos[name])

    def close(self) -> dict[str, dict[str, object]]:
        for name in list(self._writers):
            self.infos[name] = self._writers.pop(name).close()
        return self.infos


class MemorySink(dict):
    """Collects the arrays of a build in memory (a cache that cannot be written, tests)."""

    def append(self, name: str, array: np.ndarray) -> None:
        self.setdefault(f"\x00{name}", []).append(np.asarray(array))

    def put(self, name: str, array: np.ndarray) -> None:
        self[name] = np.asarray(array)

    def view(self, name: str) -> np.ndarray:
        parts = self.pop(f"\x00{name}", None)
        if parts is not None:
            self[name] = np.concatenate(parts)
        return self[name]

    def close(self) -> dict[str, np.ndarray]:
        for key in [key for key in self if key.startswith("\x00")]:
            self.view(key[1:])
        return self


def map_array(directory: Path, name: str, info: dict) -> np.ndarray:
    """A read-only ndarray over the file's memory mapping (no copy, no np.memmap bookkeeping)."""
    path = directory / f"{name}.bin"
    dtype = np.dtype(str(info["dtype"]))
    length = int(info["length"])
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size != length * dtype.itemsize:
            raise ValueError(f"{name}: {size} bytes on disk, {length * dtype.itemsize} expected")
        if size == 0:
            return np.zeros(0, dtype)
        buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return np.frombuffer(buffer, dtype=dtype, count=length)


def bad_blocks(array: np.ndarray, crcs: list[int], blocks: list[int] | None = None) -> list[int]:
    """Indexes of the blocks (all, or those listed) whose CRC-32 differs from the recorded one."""
    data = memoryview(array).cast("B") if len(array) else memoryview(b"")
    expected = -(-len(data) // BLOCK)
    if len(crcs) != expected:
        return [-1]
    wanted = range(expected) if blocks is None else blocks
    return [b for b in wanted if zlib.crc32(data[b * BLOCK: (b + 1) * BLOCK]) != crcs[b]]


def bad_file_blocks(path: Path, crcs: list[int]) -> list[int]:
    """``bad_blocks`` of a whole file, read in chunks (mapping it would keep every page in this
    process's resident set until the end: gigabytes for a large index)."""
    bad, block = [], 0
    with path.open("rb") as handle:
        while chunk := handle.read(BLOCK * 64):
            for at in range(0, len(chunk), BLOCK):
                if block >= len(crcs) or zlib.crc32(chunk[at: at + BLOCK]) != crcs[block]:
                    bad.append(block)
                block += 1
    return bad if block == len(crcs) else bad + [-1]


def sample_blocks(count: int, rng: random.Random, extra: int = 1) -> list[int]:
    """``extra`` random blocks of an array of ``count`` blocks (each run draws others; a file written
    since the build is checked in full anyway): a few milliseconds per load."""
    if count <= extra:
        return list(range(count))
    return sorted({rng.randrange(count) for _ in range(extra)})
