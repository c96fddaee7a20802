"""Turn a .docx/.pdf (or an old .doc/.wps) into a ``Document``; InputError when it cannot be read."""

from __future__ import annotations

from pathlib import Path

from yinwen.formats.errors import InputError

DOCUMENT_SUFFIXES = (".docx", ".pdf")
LEGACY_SUFFIXES = (".doc", ".wps")
RICH_SUFFIXES = DOCUMENT_SUFFIXES + LEGACY_SUFFIXES


def load_rich(path: Path, display: str):
    """A Document from a .docx/.pdf/.doc/.wps file; raises InputError (a YW001 for the caller) when it cannot be read."""
    from yinwen.text.document import Document

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from yinwen.formats.pdf import read_pdf

        text, locations = read_pdf(path)
    elif suffix in LEGACY_SUFFIXES:
        from yinwen.formats.legacy import convert_legacy

        with convert_legacy(path) as converted:
            text, locations = _read_docx_text(converted)
    else:
        text, locations = _read_docx_text(path)
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
