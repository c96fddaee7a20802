"""Read a draft into a ``Document``: deterministic decoding and offset → line/column.

Decoding is never a statistical guess: a byte-order mark decides first (UTF-8/16/32), then
strict UTF-8, then GB18030 (a superset of GBK and GB2312). A file valid in none of them is
reported with the byte offset where decoding failed.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from yinwen.diagnostics import Location, Span

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
FALLBACK_ENCODINGS = ("utf-8", "gb18030")
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class DecodeError(Exception):
    """The bytes are not text in any accepted encoding; ``offset`` is the first bad byte."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Document:
    """Decoded text of one input with a line index; spans are code-point offsets into ``text``."""

    path: str
    text: str
    encoding: str = "utf-8"
    line_starts: tuple[int, ...] = field(default=(), repr=False)
    # For text extracted from .docx/.pdf: where each stretch of the text stands in the file, by start.
    locations: tuple[Location, ...] = field(default=(), repr=False)
    location_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_text(cls, path: str, text: str, encoding: str = "utf-8",
                  locations: tuple[Location, ...] = ()) -> Document:
        return cls(path, text, encoding, compute_line_starts(text), locations, tuple(loc.start for loc in locations))

    def location(self, offset: int) -> Location | None:
        """The paragraph, table cell or page that holds ``offset`` (None for plain text files)."""
        if not self.locations:
            return None
        starts = self.location_starts or tuple(loc.start for loc in self.locations)
        index = bisect.bisect_right(starts, offset) - 1
        return self.locations[max(index, 0)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        line_index = bisect.bisect_right(self.line_starts, offset) - 1
        return line_index + 1, offset - self.line_starts[line_index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(start, end, line, column, end_line, end_column, self.location(start))


def compute_line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines start. Lines end at \\n, \\r\\n or a lone \\r — nothing else
    (``str.splitlines`` also splits on U+2028 and form feeds, which editors do not count).

    One regular-expression pass: searching separately for the next \\n and the next \\r from each
    line start rescans the rest of a file without \\r for every line, which is quadratic."""
    return (0, *(found.end() for found in LINE_BREAK.finditer(text)))


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes deterministically; returns (text, encoding used). Raises DecodeError."""
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise DecodeError(f"not valid {encoding} at byte {error.start}", error.start) from None
        except (LookupError, TypeError):  # no such codec, or a bytes-to-bytes one (base64, zlib)
            raise DecodeError(f"{encoding!r} is not a text encoding", 0) from None
        _reject_surrogates(data, text, encoding)
        return text, encoding
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name
            except UnicodeDecodeError as error:
                offset = error.start + len(bom)
                raise DecodeError(f"not valid {name} at byte {offset}", offset) from None
    first_error = 0
    for name in FALLBACK_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError as error:
            if name == "utf-8":
                first_error = error.start
            continue
        if name == "gb18030":
            _reject_private_use(text, first_error)
        return text, name
    raise DecodeError(
        f"not valid UTF-8 (first bad byte at offset {first_error}) nor GB18030", first_error
    )


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _reject_surrogates(data: bytes, text: str, encoding: str) -> None:
    """Some codecs (UTF-7, unicode-escape) decode to lone surrogates, which are no characters: no file
    can hold them and printing them fails. Such a file is not text in that encoding."""
    found = LONE_SURROGATE.search(text)
    if found is None:
        return
    offset = _byte_offset(data, encoding, found.start())
    raise DecodeError(f"not valid {encoding} at or before byte {offset} (it decodes to a lone surrogate)", offset)


def _byte_offset(data: bytes, encoding: str, index: int) -> int:
    """The byte at which the decoder, fed one byte at a time, has produced the ``index``-th character
    (a stateful codec such as UTF-7 may produce it a few bytes after the sequence starts)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    decoded = 0
    for offset in range(len(data)):
        decoded += len(decoder.decode(data[offset:offset + 1]))
        if decoded > index:
            return offset
    return len(data) - 1


def _reject_private_use(text: str, utf8_error: int) -> None:
    """GB18030 accepts almost any byte pair, so Big5 (and other legacy) files decode without error —
    into mojibake where their punctuation and many characters land in the private-use area (the
    user-defined rows of GBK). A GB/GBK draft has no reason to contain those, so a private-use
    character means "not GB18030" and the file is refused (YW001) rather than silently checked as
    nonsense. Deterministic, no statistics; ``--encoding gb18030`` or ``--encoding big5`` decides."""
    for index, ch in enumerate(text):
        if 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000:
            offset = len(text[:index].encode("gb18030"))
            raise DecodeError(
                f"not valid UTF-8 (first bad byte at offset {utf8_error}); as GB18030 it contains a private-use "
                f"character at byte {offset} (Big5? use --encoding big5)",
                offset,
            )


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 BOM'd file mean binary (images, archives, executables)."""
    if any(data.startswith(bom) for bom, _ in BOMS):
        return False
    return b"\x00" in data[:8192]


def read_document(path: Path, encoding: str | None = None, display: str | None = None) -> Document:
    """Read and decode one file. Raises OSError or DecodeError for the caller to report."""
    data = path.read_bytes()
    text, used = decode(data, encoding)
    return Document.from_text(display or str(path), text, used)
