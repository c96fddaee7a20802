"""Read a saved web page (.html/.htm) into paragraphs, its title and its <meta> fields.

The standard library's parser is enough: a page of an organisation's archive needs its text, in
paragraphs, without scripts, styles, menus and footers. When the page marks its content (<article>, or
an element whose id or class says content/article/正文), only that is taken. The bytes are decoded by
the declared charset when there is one, else as every other input is (BOM, UTF-8, GB18030).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from yinwen.formats.errors import InputError

SKIPPED = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "select",
           "button", "svg", "iframe"}
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
          "blockquote", "pre", "dd", "dt", "table", "ul", "ol", "hr", "center"}
CONTENT_HINT = re.compile(r"(?:^|[\s_-])(?:article|content|main|正文|TRS_Editor|zoom|text)(?:$|[\s_-])", re.IGNORECASE)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


@dataclass
class HtmlText:
    title: str = ""
    heading: str = ""  # the first <h1>
    meta: dict[str, str] = field(default_factory=dict)  # <meta name|property=… content=…>, names lower-cased
    paragraphs: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    """Text by blocks; each block of the page's marked content is kept apart from the rest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = HtmlText()
        self.all_blocks: list[str] = []
        self.content_blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0
        self._in_title = self._in_h1 = False
        self._stack: list[tuple[str, bool]] = []  # (tag, opens marked content)
        self._content_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("name") or values.get("property") or values.get("itemprop") or "").lower()
            if key and values.get("content"):
                self.result.meta.setdefault(key, values["content"].strip())
            return
        if tag in VOID:
            if tag in BLOCKS:
                self._flush()
            return
        opens = tag == "article" or bool(CONTENT_HINT.search(values.get("id", "") + " " + values.get("class", "")))
        self._stack.append((tag, opens))
        self._content_depth += opens
        if tag in SKIPPED:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1" and not self.result.heading:
            self._in_h1 = True
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in BLOCKS:
            self._flush()
        while self._stack:
            open_tag, opens = self._stack.pop()
            self._content_depth -= opens
            if open_tag in SKIPPED:
                self._skip -= 1
            if open_tag == "title":
                self._in_title = False
            if open_tag == "h1":
                self._in_h1 = False
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.result.title += data
            return
        if self._skip:
            return
        if self._in_h1:
            self.result.heading += data
        self._current.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        self._current = []
        if text:
            self.all_blocks.append(text)
            if self._content_depth > 0:
                self.content_blocks.append(text)

    def finish(self) -> HtmlText:
        self._flush()
        self.result.title = re.sub(r"\s+", " ", self.result.title).strip()
        self.result.heading = re.sub(r"\s+", " ", self.result.heading).strip()
        marked = sum(len(block) for block in self.content_blocks)
        # Marked content that holds most of the text is the article; a tiny "content" div is not.
        chosen = self.content_blocks if marked >= 0.3 * sum(len(b) for b in self.all_blocks) else self.all_blocks
        self.result.paragraphs = [_joined(block) for block in chosen]
        return self.result


def _joined(text: str) -> str:
    """Spaces the page's line breaks left between Chinese characters are not text."""
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", text)


def decode_html(data: bytes) -> str:
    """The page's text: its declared charset first, else BOM, UTF-8, GB18030."""
    from yinwen.text.document import DecodeError, decode

    declared = CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(data)[0]
    except DecodeError as error:
        raise InputError(f"无法解码网页：{error}", f"cannot decode the page: {error}") from None


def read_html(data: bytes) -> HtmlText:
    """Paragraphs, title and meta fields of a page; InputError when it holds no text."""
    collector = _Collector()
    collector.feed(decode_html(data))
    collector.close()
    found = collector.finish()
    if not found.paragraphs:
        raise InputError("网页中没有正文文字", "the page has no text")
    return found
