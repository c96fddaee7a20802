"""Read the draft out of an HTTP request: a text body or one uploaded file, in memory, within the size limit.

Nothing from the request names a file on disk: an uploaded file's name is kept only as a label for the
report and the downloads, and its suffix only chooses the reader from a fixed list. The body is read
in chunks and refused as soon as it passes the limit, so a huge upload never fills the memory.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

from yinwen.web.strings import message

ACCEPTED_SUFFIXES = (".docx", ".txt", ".md", ".pdf")
# Bodies a script may send without multipart: the type decides how the bytes are read.
BODY_TYPES = {
    "text/plain": "",
    "text/markdown": "",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
STDIN_NAME = "<stdin>"  # what `yinwen check -` calls a draft that has no file name
MAX_PARTS = 8
MAX_NAME = 120
UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f]")


class DraftError(Exception):
    """The request holds no draft the checker can read; ``status`` is the 4xx to answer with."""

    def __init__(self, status: int, key: str, lang: str, **values: object) -> None:
        super().__init__(message(key, lang, **values))
        self.status = status
        self.key = key


@dataclass(frozen=True)
class Draft:
    """A draft as received: a display name, the reader to use (a suffix from a fixed list) and its bytes."""

    name: str
    suffix: str  # "" for text, else one of ACCEPTED_SUFFIXES
    data: bytes
    encoding: str | None = None  # from the charset of a text body

    @property
    def stem(self) -> str:
        base = self.name if self.name != STDIN_NAME else "draft"
        return base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base


def display_name(raw: str) -> str:
    """The last component of a client-supplied file name, without control characters: a label, never a path."""
    name = UNSAFE_IN_NAME.sub("", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: MAX_NAME - len(suffix) - 1] + dot + suffix) if dot and len(suffix) < 10 else name[:MAX_NAME]
    return name or "draft"


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


async def read_body(chunks: AsyncIterator[bytes], declared: str | None, limit: int, lang: str) -> bytes:
    """The whole body, refused (413) as soon as it would pass ``limit`` bytes — before reading it when the
    client declared its length."""
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise DraftError(413, "too_large", lang, size=human_size(int(declared)), limit=human_size(limit))
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise DraftError(413, "too_large", lang, size=human_size(len(body)) + "+", limit=human_size(limit))
    return bytes(body)


def draft_from_body(content_type: str, body: bytes, name: str | None, limit: int, lang: str) -> Draft:
    """The draft in a request body of type ``content_type`` (text, a document, or a multipart upload)."""
    from python_multipart.multipart import parse_options_header

    kind, params = parse_options_header(content_type or "")
    kind_text = kind.decode("latin-1").lower()
    if kind_text == "multipart/form-data":
        boundary = params.get(b"boundary")
        if not boundary:
            raise DraftError(400, "malformed_upload", lang)
        return _uploaded_file(body, boundary, lang)
    if kind_text not in BODY_TYPES:
        raise DraftError(415, "unsupported_body", lang, kind=kind_text or "(none)")
    suffix = BODY_TYPES[kind_text]
    if not body:
        raise DraftError(400, "empty", lang)
    encoding = None
    if not suffix and b"charset" in params:
        encoding = params[b"charset"].decode("latin-1").strip().lower()
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DraftError(415, "unknown_charset", lang, charset=encoding) from None
    label = display_name(name) if name else (STDIN_NAME if not suffix else "draft" + suffix)
    return Draft(label, suffix, body, encoding)


def _uploaded_file(body: bytes, boundary: bytes, lang: str) -> Draft:
    parts = _parts(body, boundary, lang)
    files = [part for part in parts if part.filename is not None]
    if not files:
        raise DraftError(400, "no_file", lang)
    upload = next((part for part in files if part.field == "file"), files[0])
    name = display_name(upload.filename or "")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ACCEPTED_SUFFIXES:
        raise DraftError(415, "unsupported_type", lang, name=name)
    if not upload.data:
        raise DraftError(400, "empty", lang)
    return Draft(name, "" if suffix in (".txt", ".md") else suffix, bytes(upload.data))


@dataclass
class _Part:
    field: str = ""
    filename: str | None = None
    data: bytearray | None = None


def _parts(body: bytes, boundary: bytes, lang: str) -> list[_Part]:
    """Every part of a multipart body, held in memory (the body is already within the limit)."""
    from python_multipart import MultipartParser
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import parse_options_header

    parts: list[_Part] = []
    header: dict[str, bytearray] = {"field": bytearray(), "value": bytearray()}
    ended = []

    def on_part_begin() -> None:
        if len(parts) >= MAX_PARTS:
            raise DraftError(400, "malformed_upload", lang)
        parts.append(_Part(data=bytearray()))

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] += data[start:end]

    def on_header_end() -> None:
        if bytes(header["field"]).lower() == b"content-disposition":
            _kind, options = parse_options_header(bytes(header["value"]))
            parts[-1].field = _text(options.get(b"name", b""))
            if b"filename" in options:
                parts[-1].filename = _text(options[b"filename"])
        header["field"], header["value"] = bytearray(), bytearray()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].data += data[start:end]

    callbacks = {"on_part_begin": on_part_begin, "on_header_field": on_header_field, "on_header_value": on_header_value,
                 "on_header_end": on_header_end, "on_part_data": on_part_data, "on_end": lambda: ended.append(True)}
    try:
        parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
        parser.write(body)
        parser.finalize()
    except MultipartParseError:
        raise DraftError(400, "malformed_upload", lang) from None
    if not ended:
        raise DraftError(400, "malformed_upload", lang)
    return parts


def _text(raw: bytes) -> str:
    """A header value as text: browsers send UTF-8 file names; anything else is read byte for byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
