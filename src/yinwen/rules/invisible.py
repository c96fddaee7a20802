"""YW005 invisible-character: zero-width and direction-control characters inside a quotation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yinwen.diagnostics import Diagnostic, Severity
from yinwen.rules import Context, Rule

# Zero-width space/joiners, word joiner, BOM used as ZWNBSP, soft hyphen, Mongolian vowel separator,
# and the bidirectional embeddings/overrides/isolates that can reorder what a reader sees.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
NAMES = {
    "\u00ad": "U+00AD SOFT HYPHEN", "\u180e": "U+180E MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "U+200B ZERO WIDTH SPACE", "\u200c": "U+200C ZERO WIDTH NON-JOINER", "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u2060": "U+2060 WORD JOINER", "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
}


class InvisibleCharacter(Rule):
    """A zero-width or direction-control character inside a quotation.

    Why: invisible characters pasted from web pages and chat apps are not part of the quoted words;
    the quotation is still matched (normalisation ignores them), but they break search, copy and
    typesetting, and direction controls can make the text read differently from what is stored.
    Bad:  习近平总书记强调：“江山就是\u200b人民，人民就是江山。”
    Good: 习近平总书记强调：“江山就是人民，人民就是江山。”
    """

    doc_zh = """引文中夹有零宽字符或文字方向控制字符。

    原因：从网页和聊天软件粘贴来的不可见字符不属于引文；引文仍能比对（规范化时忽略它们），但会妨碍检索、
    复制和排版，方向控制字符还可能使显示的文字与实际存储的不同。
    """

    code = "YW005"
    name = "invisible-character"
    severity = Severity.INFO
    summary = "引文中有不可见字符"
    summary_en = "invisible character inside a quotation"

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        text = ctx.document.text
        for quote in ctx.extraction.quotes:
            for found in INVISIBLE.finditer(text, quote.start, quote.end):
                names = "、".join(dict.fromkeys(NAMES.get(ch, f"U+{ord(ch):04X}") for ch in found.group()))
                yield self.diagnostic(
                                        message=f"引文中有 {len(found.group())} 个不可见字符（{names}），建议删除",
                    message_en=f"{len(found.group())} invisible character(s) ({names}) inside the quotation; remove them",
                    span=ctx.document.span(found.start(), found.end()),
                    quote=quote.text,
                    details={"characters": " ".join(f"U+{ord(ch):04X}" for ch in found.group())},
                )
