"""Build .docx test drafts with python-docx: split runs, tables, headers, footnotes, tracked changes, text boxes.

python-docx has no API for footnotes, tracked changes or text boxes, so those are written as the
WordprocessingML that Word itself writes for them.
"""

from __future__ import annotations

from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"


def add_split_paragraph(document, text: str, every: int = 5):
    """A paragraph whose runs change formatting every ``every`` characters (bold / not bold)."""
    paragraph = document.add_paragraph()
    for index in range(0, len(text), every):
        run = paragraph.add_run(text[index:index + every])
        run.bold = (index // every) % 2 == 1
    return paragraph


def add_tracked(paragraph, inserted: str, deleted: str) -> None:
    """Append a tracked insertion and a tracked deletion to ``paragraph``."""
    from docx.oxml.parser import parse_xml

    paragraph._p.append(parse_xml(
        f'<w:ins xmlns:w="{W_NS}" w:id="801" w:author="审稿人" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="802" w:author="审稿人" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'))


def add_text_box(paragraph, text: str) -> None:
    """A text box as Word writes it: a DrawingML shape with a VML fallback holding the same text."""
    from docx.oxml.parser import parse_xml

    content = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    paragraph._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:v="{V_NS}"><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{content}</wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
        f'</mc:AlternateContent></w:r>'))


def add_footnotes(document, notes: list[str]) -> None:
    """A footnotes part with the two separator notes Word always writes, then ``notes``."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
    for number, note in enumerate(notes, start=1):
        body.append(f'<w:footnote w:id="{number}"><w:p><w:r><w:t xml:space="preserve">{note}</w:t></w:r></w:p></w:footnote>')
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
            + "".join(body) + "</w:footnotes>").encode("utf-8")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def docx_from_text(text: str, path: Path, every: int = 7) -> Path:
    """One paragraph per line of ``text``, runs split every ``every`` characters with alternating bold."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        add_split_paragraph(document, line, every)
    document.save(str(path))
    return path
