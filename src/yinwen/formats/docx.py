"""Read a .docx into text the checker understands, with a map back to Word's paragraphs and runs.

Word keeps a paragraph's text in runs (``w:r``) of uniform formatting, so a quotation often spans
several runs. Extraction walks the XML in document order: body paragraphs and table cells, text
boxes, then headers and footers, footnotes and endnotes. Tracked insertions count as text,
tracked deletions do not (the draft as it would read if every change were accepted). Each
paragraph becomes one line of the extracted text; ``Block`` remembers which XML elements produced
which characters, so ``annotate`` can put a comment or a tracked change exactly on a quotation.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from yinwen.diagnostics import Location
from yinwen.formats.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P, W_R, W_T, W_TAB, W_BR, W_CR = W + "p", W + "r", W + "t", W + "tab", W + "br", W + "cr"
W_TC, W_TR, W_TBL, W_TXBX = W + "tc", W + "tr", W + "tbl", W + "txbxContent"
# Never text: deleted or moved-away content, field instructions, the fallback copy of a drawing.
SKIPPED = {W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "rPr", W + "pPr", MC + "Fallback",
           W_TXBX, W_P}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A .docx is a zip; refuse archives that would expand to far more than any draft (zip bombs).
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000
NOTE_PARTS = {"footnotes": ("footnote", W + "footnote"), "endnotes": ("endnote", W + "endnote")}


@dataclass
class Segment:
    """Characters ``start``–``end`` (paragraph-relative) come from ``element`` (w:t, w:tab or w:br) in ``run``."""

    start: int
    end: int
    element: object
    run: object


@dataclass
class Block:
    """One paragraph of extracted text: its XML element, where it starts, and its segments."""

    paragraph: object
    start: int
    text: str
    location: Location
    in_body: bool
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Extracted:
    text: str
    locations: tuple[Location, ...]
    blocks: list[Block]


def check_archive(path: Path) -> None:
    """Refuse what is not a readable .docx before python-docx parses it: encrypted, corrupt, zip bomb."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise InputError("文件受密码保护（已加密）或是旧版 .doc 格式：请在 Word 中取消密码或另存为 .docx 后再检查",
                         "the file is password-protected (encrypted) or an old .doc; remove the password or save as .docx")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(f"不是有效的 .docx 文件（压缩结构损坏：{error}）",
                         f"not a valid .docx (broken zip structure: {error})") from None
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise InputError(f"拒绝读取：解压后达 {total} 字节（压缩比 {total // packed}），疑似压缩炸弹",
                         f"refused: expands to {total} bytes (ratio {total // packed}), looks like a zip bomb")
    if "word/document.xml" not in {member.filename for member in members}:
        raise InputError("不是有效的 .docx 文件（缺少 word/document.xml）", "not a valid .docx (no word/document.xml)")


def open_docx(path: Path):
    """The python-docx Document, or InputError with a one-line reason."""
    check_archive(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - python-docx and lxml raise many types for damaged files
        raise InputError(f"无法读取 .docx 文件：{type(error).__name__}: {error}",
                         f"cannot read .docx: {type(error).__name__}: {error}") from None
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None:
            drop_entities(element)
    return document


def drop_entities(root) -> None:
    """Remove references to entities a part declares in its own DTD (``&org;``), keeping the text around them.

    They are never expanded (that is how XML bombs and external entities get in), and a saved part loses
    its DTD, so a reference left in it would make the annotated copy a corrupt .docx. Word refuses DTDs
    in a .docx anyway; the text is read, checked and annotated without them."""
    from lxml import etree

    for entity in list(root.iter(etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        previous = entity.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + (entity.tail or "")
        else:
            parent.text = (parent.text or "") + (entity.tail or "")
        parent.remove(entity)


def extract(document) -> Extracted:
    """All text of a python-docx Document in reading order, one paragraph per line."""
    builder = _Builder()
    body = document.element.body
    builder.add_tree(body, in_body=True)
    for kind, element in _side_parts(document):
        if kind in ("footnote", "endnote"):
            builder.add_note(element, kind)
        else:
            builder.add_tree(element, in_body=False, kind=kind)
    text = "\n".join(block.text for block in builder.blocks)
    return Extracted(text, tuple(block.location for block in builder.blocks), builder.blocks)


def paragraph_segments(paragraph) -> tuple[str, list[Segment]]:
    """A paragraph's own text (not that of text boxes inside it) and where each piece comes from."""
    pieces: list[str] = []
    segments: list[Segment] = []
    _collect(paragraph, None, pieces, segments, [0])
    return "".join(pieces), segments


def _collect(element, run, pieces: list[str], segments: list[Segment], cursor: list[int]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == W_R:
            _collect(child, child, pieces, segments, cursor)
            continue
        piece = _piece(child, tag)
        if piece is None:
            _collect(child, run, pieces, segments, cursor)
        elif piece:
            pieces.append(piece)
            segments.append(Segment(cursor[0], cursor[0] + len(piece), child, run))
            cursor[0] += len(piece)


def _piece(element, tag: str) -> str | None:
    """The text an element stands for, or None when its children must be searched."""
    if tag == W_T:
        return element.text or ""
    if tag == W_TAB:
        return "\t"
    if tag == W_BR:
        kind = element.get(W + "type")
        return "\n" if kind in (None, "textWrapping") else ""
    if tag == W_CR:
        return "\n"
    return None


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.offset = 0
        self.body_paragraphs = 0
        self.notes = {"footnote": 0, "endnote": 0}

    def add_tree(self, root, in_body: bool, kind: str = "body") -> None:
        # Keyed by the element proxies themselves: holding them keeps lxml returning the same objects.
        fallback = {p for fb in root.iter(MC + "Fallback") for p in fb.iter(W_P)}
        cells = _CellNumbers(root)
        for paragraph in root.iter(W_P):
            if paragraph in fallback:
                continue
            text, segments = paragraph_segments(paragraph)
            location = self._location(paragraph, kind, cells, text)
            self.blocks.append(Block(paragraph, self.offset, text, location, in_body, segments))
            self.offset += len(text) + 1

    def _location(self, paragraph, kind: str, cells: _CellNumbers, text: str) -> Location:
        ancestors = list(paragraph.iterancestors())
        tags = [a.tag for a in ancestors]
        if W_TXBX in tags:
            return Location(self.offset, "textbox")
        if W_TC in tags:
            cell = ancestors[tags.index(W_TC)]
            table = next((a for a in cell.iterancestors() if a.tag == W_TBL), None)
            return Location(self.offset, "table", cells.tables.get(table, 0), cells.rows.get(cell.getparent(), 0),
                            cells.columns.get(cell, 0))
        if kind in ("footnote", "endnote"):
            return Location(self.offset, kind, self.notes[kind])
        if kind == "body":
            if text.strip():
                self.body_paragraphs += 1
            return Location(self.offset, "body", max(self.body_paragraphs, 1))
        return Location(self.offset, kind)

    def add_note(self, note, kind: str) -> None:
        self.notes[kind] += 1
        self.add_tree(note, in_body=False, kind=kind)


class _CellNumbers:
    """Table, row and column numbers of every table cell under ``root``, counted once.

    Counting a cell's row among its table's rows for every paragraph made reading a table quadratic
    (10,000 rows took minutes). Keyed by the element proxies themselves: holding them keeps lxml
    returning the same objects."""

    def __init__(self, root) -> None:
        self.tables = {table: number for number, table in enumerate(root.iter(W_TBL), start=1)}
        self.rows: dict = {}
        self.columns: dict = {}
        for table in self.tables:
            number = 0
            for row in table.iter(W_TR):  # rows of this table, also inside w:sdt, not of a nested one
                if next(row.iterancestors(W_TBL)) is not table:
                    continue
                number += 1
                self.rows[row] = number
                self.columns.update((cell, column) for column, cell in enumerate(row.iterchildren(W_TC), start=1))


def _side_parts(document):
    """Headers, footers, footnotes and endnotes, in a stable order (by relationship id)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    order = {RT.HEADER: "header", RT.FOOTER: "footer", RT.FOOTNOTES: "footnotes", RT.ENDNOTES: "endnotes"}
    rels = sorted(document.part.rels.values(), key=lambda rel: (list(order).index(rel.reltype) if rel.reltype in order
                                                               else 9, _rid_number(rel.rId)))
    for rel in rels:
        kind = order.get(rel.reltype)
        if kind is None or rel.is_external:
            continue
        element = _part_element(rel.target_part)
        if kind in NOTE_PARTS:
            note_kind, tag = NOTE_PARTS[kind]
            for note in element.iter(tag):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                yield note_kind, note
        else:
            yield kind, element


def _rid_number(rid: str) -> int:
    digits = "".join(ch for ch in rid if ch.isdigit())
    return int(digits) if digits else 0


def _part_element(part):
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml

    element = parse_xml(part.blob)
    drop_entities(element)
    return element
