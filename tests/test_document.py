"""Decoding and positions (document.py)."""

from __future__ import annotations

import codecs

import pytest

from yinwen.text.document import DecodeError, Document, decode, looks_binary

TEXT = "习近平总书记强调：“江山就是人民，人民就是江山。”\n第二行"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_decoding_is_deterministic(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert text == TEXT
    assert used == encoding


def test_invalid_bytes_name_the_offset() -> None:
    data = "引文".encode() + b"\xff\xfe\xff" + "后文".encode()
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert caught.value.offset == 6


def test_forced_encoding() -> None:
    assert decode("引文".encode("gbk"), "gbk")[0] == "引文"
    with pytest.raises(DecodeError):
        decode(b"\xff\xff", "utf-8")


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not looks_binary(codecs.BOM_UTF16_LE + "文".encode("utf-16-le"))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_and_column_for_every_line_ending(newline: str) -> None:
    text = f"第一行{newline}第二行“引文”{newline}第三行"
    document = Document.from_text("x.txt", text)
    offset = text.index("引")
    assert document.position(offset) == (2, 5)
    assert document.position(text.index("三")) == (3, 2)


def test_unicode_line_separator_is_not_a_line_break() -> None:
    text = "甲\u2028乙\n丙"
    document = Document.from_text("x.txt", text)
    assert document.position(text.index("乙")) == (1, 3)
    assert document.position(text.index("丙")) == (2, 1)
