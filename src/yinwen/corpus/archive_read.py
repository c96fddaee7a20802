"""Read one file of an organisation's archive (.docx, .pdf, .html, .md, .txt) into paragraphs and the
metadata the file itself states. Nothing is ever written here: the archive is only read.

Word and PDF files go through the same readers as drafts (``formats``); a .docx keeps its body, tables,
text boxes and notes and drops page headers and footers; a PDF's visual lines are joined back into
paragraphs. A web page gives its <title>/<h1> and <meta> fields. Markdown and text files may open with
front matter (yinwen's +++ TOML, or --- key: value lines), which is taken as stated metadata.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from yinwen.formats.errors import InputError

ARCHIVE_SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".md", ".txt", ".doc", ".wps")
FURNITURE = ("header", "footer")
PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*[/共]\s*\d+\s*页?)?|\d+\s*/\s*\d+)$")
PDF_PARAGRAPH_END = "。！？：；”」』…"
META_KEYS = {  # <meta> names and front-matter keys → the fields they state
    "title": ("title", "articletitle", "og:title", "dc.title"),
    "speaker": ("speaker", "author", "article:author", "dc.creator"),
    "date": ("date", "pubdate", "publishdate", "article:published_time", "dc.date", "firstpublishedtime"),
    "occasion": ("occasion",),
}


@dataclass
class ArchiveText:
    """A file's paragraphs and what it states about itself (from its markup or front matter)."""

    paragraphs: list[str]
    stated: dict[str, str] = field(default_factory=dict)
    title_hint: str | None = None  # a title the markup gives (<h1>, # heading, Word's title property)


def read_archive_file(path: Path) -> ArchiveText:
    """The file's text and stated metadata; InputError (one line) when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".docx", ".doc", ".wps"):
        return _read_word(path)
    if suffix == ".pdf":
        from yinwen.formats.pdf import read_pdf

        text, _ = read_pdf(path)
        return ArchiveText(_pdf_paragraphs(text))
    data = _bytes(path)
    if suffix in (".html", ".htm"):
        return _read_page(data)
    from yinwen.text.document import DecodeError, decode, looks_binary

    if looks_binary(data):
        raise InputError("文件是二进制数据，不是文本", "the file is binary, not text")
    try:
        text = decode(data)[0].replace("\r\n", "\n").replace("\r", "\n")
    except DecodeError as error:
        raise InputError(f"无法解码：{error}", f"cannot decode: {error}") from None
    stated, body = _front_matter(text)
    if suffix == ".md":
        return _read_markdown(body, stated)
    return ArchiveText(_text_paragraphs(body), stated)


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"无法读取：{error.strerror or error}", f"cannot read: {error.strerror or error}") from None


def _read_word(path: Path) -> ArchiveText:
    from yinwen.formats.docx import extract, open_docx
    from yinwen.formats.legacy import convert_legacy
    from yinwen.formats.load import LEGACY_SUFFIXES

    def read(docx_path: Path) -> ArchiveText:
        document = open_docx(docx_path)
        try:
            extracted = extract(document)
            title = (document.core_properties.title or "").strip()
        except Exception as error:  # noqa: BLE001 - a damaged part surfaces only when read
            raise InputError(f"无法读取 .docx 文件的内容：{type(error).__name__}: {error}",
                             f"cannot read the .docx content: {type(error).__name__}: {error}") from None
        kept = [block.text for block in extracted.blocks if block.location.kind not in FURNITURE]
        hint = title if title and not title.lower().startswith(("microsoft word", "untitled")) else None
        return ArchiveText([line.strip() for line in kept if line.strip()], title_hint=hint)

    if path.suffix.lower() in LEGACY_SUFFIXES:
        with convert_legacy(path) as converted:
            return read(converted)
    return read(path)


def _read_page(data: bytes) -> ArchiveText:
    from yinwen.formats.html import read_html

    page = read_html(data)
    stated = {}
    for name, keys in META_KEYS.items():
        value = next((page.meta[key] for key in keys if page.meta.get(key)), "")
        if value:
            stated[name] = value
    title = stated.pop("title", "") or page.heading or _page_title(page.title)
    return ArchiveText(page.paragraphs, stated, title_hint=title or None)


def _page_title(title: str) -> str:
    """《…》讲话_某某市人民政府 → the part before the site's name."""
    parts = [part.strip() for part in re.split(r"\s[-|–—]\s|_|\|", title) if part.strip()]
    return parts[0] if parts else ""


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Stated fields of a +++ TOML or --- key: value block at the top, and the text after it."""
    text = text.lstrip("\ufeff")
    for fence in ("+++", "---"):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end < 0:
                return {}, text
            block, body = text[len(fence) + 1:end], text[end + len(fence) + 1:]
            return (_toml_fields(block) if fence == "+++" else _colon_fields(block)), body
    return {}, text


def _toml_fields(block: str) -> dict[str, str]:
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"文件开头的 +++ 元数据不是有效的 TOML：{error}", f"the +++ front matter is not valid TOML: {error}") \
            from None
    return {key: str(value) for key, value in data.items() if isinstance(value, (str, int, float)) or hasattr(value, "isoformat")}


def _colon_fields(block: str) -> dict[str, str]:
    fields = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and value.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields


def _text_paragraphs(text: str) -> list[str]:
    """Blank-line-separated paragraphs; a file without blank lines has one paragraph a line."""
    if "\n\n" in text.strip():
        blocks = text.split("\n\n")
        return [re.sub(r"\s*\n\s*", "", block).strip() for block in blocks if block.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


MARKDOWN_INLINE = ((re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""), (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
                   (re.compile(r"`([^`]*)`"), r"\1"), (re.compile(r"(\*\*|__|\*)(.+?)\1"), r"\2"),
                   (re.compile(r"<[^>]+>"), ""))
MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")


def _read_markdown(body: str, stated: dict[str, str]) -> ArchiveText:
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    lines = []
    for line in body.split("\n"):
        if re.match(r"^\s*(?:```|~~~|[-*_]{3,}\s*$)", line):
            lines.append("")
            continue
        line = MARKDOWN_PREFIX.sub("", line)
        for pattern, replacement in MARKDOWN_INLINE:
            line = pattern.sub(replacement, line)
        lines.append(line)
    title = stated.pop("title", "") or (heading.group(1).strip() if heading else "")
    return ArchiveText(_text_paragraphs("\n".join(lines)), stated, title_hint=title or None)


def _pdf_paragraphs(text: str) -> list[str]:
    """Visual lines joined back into paragraphs: a line that ends a sentence, or falls short of the
    page width, ends its paragraph, and so does a first line without punctuation (the title); page
    numbers are dropped."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not PAGE_NUMBER.match(line)]
    if not lines:
        return []
    widths = sorted(len(line) for line in lines)
    full = widths[len(widths) * 3 // 4]
    paragraphs, current = [], ""
    for number, line in enumerate(lines):
        current += line
        heading = number == 0 and not re.search(r"[，。！？；：、,.;:]", line)  # a title stands alone
        if heading or line[-1] in PDF_PARAGRAPH_END or len(line) < 0.85 * full:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
