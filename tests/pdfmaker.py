"""A tiny hand-written PDF writer for tests: text pages (CJK via Identity-H + ToUnicode) or blank pages.

Real text PDFs made by Word or WPS carry a ToUnicode map per font; pypdf extracts text through it.
Here each character's glyph id is its code point and the map says so, which is all an extractor
needs. Nothing renders the glyphs, so no font program is embedded. A page with an image-only
content stream stands for a scanned page: it has no text layer at all.
"""

from __future__ import annotations


def _obj(number: int, body: bytes) -> bytes:
    return f"{number} 0 obj\n".encode() + body + b"\nendobj\n"


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length " + str(len(content)).encode() + extra + b" >>\nstream\n" + content + b"\nendstream"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one page per item; each page is a list of lines (an empty list: a page without text)."""
    chars = sorted({ch for page in pages for line in page for ch in line})
    cmap_lines = "\n".join(f"<{ord(ch):04X}> <{ord(ch):04X}>" for ch in chars if ord(ch) <= 0xFFFF)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{cmap_lines}\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
            ).encode()
    objects: list[bytes] = []
    # 1 catalog, 2 pages, 3 font, 4 descendant font, 5 ToUnicode, then page + content pairs
    page_ids = [6 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /TestCJK /Encoding /Identity-H "
                   b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>")
    objects.append(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCJK /CIDToGIDMap /Identity "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>")
    objects.append(_stream(cmap))
    for index, lines in enumerate(pages):
        if lines:
            ops = [b"BT /F1 12 Tf 14 TL 40 800 Td"]
            for line in lines:
                ops.append(b"<" + "".join(f"{ord(ch):04X}" for ch in line).encode() + b"> Tj T*")
            ops.append(b"ET")
            content = b"\n".join(ops)
        else:
            content = b"q 500 0 0 700 40 60 cm 0.5 g 0 0 1 1 re f Q"  # a grey rectangle: no text layer
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_ids[index] + 1} 0 R >>".encode())
        objects.append(_stream(content))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += _obj(number, body)
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
