"""Word and PDF input: turn a .docx/.pdf (or an old .doc/.wps) into a ``Document`` or a YW001 report.

The checker itself only ever sees extracted text; each format module also records where every
paragraph, table cell or page begins (``Document.locations``), so findings can name the place in
the original file as well as the line and column in the extracted text.
"""

from __future__ import annotations

from pathlib import Path

DOCUMENT_SUFFIXES = (".docx", ".pdf")
LEGACY_SUFFIXES = (".doc", ".wps")
RICH_SUFFIXES = DOCUMENT_SUFFIXES + LEGACY_SUFFIXES


class InputError(Exception):
    """A file that cannot be read as a document; the message is a one-line Chinese explanation."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en


def is_rich(path: Path) -> bool:
    return path.suffix.lower() in RICH_SUFFIXES


def load_rich(path: Path, display: str, settings):
    """A Document from a .docx/.pdf/.doc/.wps file, or a FileReport carrying the YW001 that explains why not."""
    from yinwen.diagnostics import Severity
    from yinwen.document import Document
    from yinwen.engine import _problem

    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            from yinwen.formats.pdf import read_pdf

            text, locations = read_pdf(path)
        else:
            if suffix in LEGACY_SUFFIXES:
                from yinwen.formats.legacy import convert_legacy

                with convert_legacy(path) as converted:
                    text, locations = _read_docx_text(converted)
            else:
                text, locations = _read_docx_text(path)
    except InputError as error:
        return _problem(display, "YW001", error.message, error.message_en, Severity.ERROR, settings)
    return Document.from_text(display, text, suffix.lstrip("."), tuple(locations))


def _read_docx_text(path: Path):
    from yinwen.formats.docx import extract, open_docx

    document = open_docx(path)
    try:
        extracted = extract(document)
    except Exception as error:  # noqa: BLE001 - a damaged part (header, notes) surfaces only when read
        raise InputError(f"无法读取 .docx 文件的内容：{type(error).__name__}: {error}",
                         f"cannot read the .docx content: {type(error).__name__}: {error}") from None
    return extracted.text, extracted.locations
