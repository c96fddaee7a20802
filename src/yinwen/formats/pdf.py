"""Read a text PDF with pypdf: one page after another, pages as locations.

A PDF without a text layer (a scan) yields no characters; that is reported as a YW001 with the
advice to run OCR, never as a clean pass over an empty document.
"""

from __future__ import annotations

from pathlib import Path

from yinwen.diagnostics import Location
from yinwen.formats.errors import InputError


def read_pdf(path: Path) -> tuple[str, list[Location]]:
    """The text of every page (pages joined by a newline) and where each page starts."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on stderr about harmless oddities
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("PDF 受密码保护，无法读取：请先去除密码", "the PDF is password-protected; remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many types for damaged files; all mean "unreadable"
        raise InputError(f"无法读取 PDF 文件：{type(error).__name__}: {error}",
                         f"cannot read PDF: {type(error).__name__}: {error}") from None
    if not pages:
        raise InputError("PDF 没有页面", "the PDF has no pages")
    if not any(page.strip() for page in pages):
        raise InputError(f"PDF 共 {len(pages)} 页，但没有文字层（可能是扫描件）：请先做文字识别（OCR）再检查",
                         f"the PDF's {len(pages)} page(s) have no text layer (a scan?); run OCR first")
    texts, locations, offset = [], [], 0
    for number, page in enumerate(pages, start=1):
        page_text = page.replace("\r\n", "\n").rstrip("\n")
        locations.append(Location(offset, "page", number))
        texts.append(page_text)
        offset += len(page_text) + 1
    return "\n".join(texts), locations
