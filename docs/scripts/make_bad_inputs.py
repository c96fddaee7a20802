"""Write the committed bad-input fixtures in tests/fixtures/bad-input/ (run from the repo root).

Every text fixture carries the same three lines — a title, a verified attributed quotation and the
seed's misquote (YW101) — in a different encoding or with different line ends, so a test can assert
that decoding and line/column mapping came out right, not merely that nothing crashed. Fixtures
that depend on the file system (unreadable files, symlink loops, a 20 MB file) are made at test
time instead.

    python docs/scripts/make_bad_inputs.py
"""

from __future__ import annotations

import pathlib

TARGET = pathlib.Path("tests/fixtures/bad-input")
LINES = [
    "关于学习的几点体会",
    "习近平总书记指出：“要践行宗旨为民造福，教育引导广大党员、干部牢固树立以人民为中心的发展思想。”",
    "历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。",
]
TRADITIONAL = [
    "關於學習的幾點體會",
    "習近平總書記指出：「要踐行宗旨為民造福，教育引導廣大黨員、幹部牢固樹立以人民為中心的發展思想。」",
    "歷史反覆證明，「以鬥爭求安全則安全存，以軟弱退讓求安全則安全亡」。",
]
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def text(lines: list[str], newline: str = "\n", final: bool = True) -> str:
    return newline.join(lines) + (newline if final else "")


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    plain = text(LINES)
    files: dict[str, bytes] = {
        "utf8.txt": plain.encode("utf-8"),
        "utf8-bom.txt": b"\xef\xbb\xbf" + plain.encode("utf-8"),
        "utf16-le.txt": b"\xff\xfe" + plain.encode("utf-16-le"),
        "utf16-be.txt": b"\xfe\xff" + plain.encode("utf-16-be"),
        "utf16-le-no-bom.txt": plain.encode("utf-16-le"),
        "gb18030.txt": plain.encode("gb18030"),
        "gbk.txt": plain.encode("gbk"),
        "big5.txt": text(TRADITIONAL).encode("big5"),
        # A stray 0xFF right after the title (9 characters x 3 bytes: byte 27), invalid in UTF-8 and GB18030.
        "invalid-utf8.txt": LINES[0].encode("utf-8") + b"\xff" + ("\n" + text(LINES[1:])).encode("utf-8"),
        "empty.txt": b"",
        "crlf.txt": text(LINES, "\r\n").encode("utf-8"),
        "cr.txt": text(LINES, "\r").encode("utf-8"),
        "no-final-newline.txt": text(LINES, final=False).encode("utf-8"),
        # U+2028 is not a line break for editors or for yinwen: the quotation stays on line 2.
        "u2028.txt": text([LINES[0] + "\u2028" + LINES[1], LINES[2]]).encode("utf-8"),
        # Zero-width space and joiner inside the verified quotation (still verified; YW005 reports them).
        "zero-width.txt": text([LINES[0], LINES[1].replace("为民造福", "为民\u200b造福").replace("发展", "发\u200d展"),
                                LINES[2]]).encode("utf-8"),
        # Astral (supplementary-plane) CJK characters before the quotations: columns count code points.
        "astral.txt": text([LINES[0], "𠀀𪚥" + LINES[1], "𫝀" + LINES[2]]).encode("utf-8"),
    }
    for name, data in files.items():
        (TARGET / name).write_bytes(data)
    binary_dir = TARGET / "with-binary"
    binary_dir.mkdir(exist_ok=True)
    (binary_dir / "a-image.txt").write_bytes(PNG_HEADER + bytes(range(256)))
    (binary_dir / "b-draft.txt").write_bytes(plain.encode("utf-8"))


if __name__ == "__main__":
    main()
