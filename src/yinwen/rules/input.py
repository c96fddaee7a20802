"""YW001–YW003: inputs that could not be checked (reported by the engine; what counts is decided in
``diagnostics.INPUT_PROBLEMS``). Reported whatever --select says; a file that could not be checked at all
fails the run (exit 2) unless its code is ignored."""

from __future__ import annotations

from yinwen.diagnostics import Severity
from yinwen.rules import Rule


class Undecodable(Rule):
    """The file is not valid text in any accepted encoding (BOM, UTF-8, GB18030).

    Why: checking mis-decoded text would report nonsense; the message names the first bad byte.
    Bad:  (a file with invalid UTF-8 bytes that are not GB18030 either)
    Good: (a file saved as UTF-8)
    """

    doc_zh = """文件不是任何可接受编码（BOM、UTF-8、GB18030）的有效文本。

    原因：按错误的编码核对只会得到无意义的结果；提示会指出第一个出错的字节。
    错误：（文件含有既不是 UTF-8 也不是 GB18030 的字节）
    正确：（以 UTF-8 保存的文件）
    """

    code = "YW001"
    name = "undecodable"
    severity = Severity.ERROR
    summary = "文件无法解码"
    summary_en = "file cannot be decoded"
    document_rule = False


class BinarySkipped(Rule):
    """A file named like a document (.txt, .md …) holds binary data, so it was not checked.

    Why: a draft saved in a binary format, or an image renamed .txt, would otherwise pass unread. Files
    that are no document at all (an image in a folder) are not picked up by their suffix in the first
    place; ``ignore = ["YW002"]`` accepts binary files under document names.
    Bad:  (an image saved as notes.txt)
    Good: (a draft saved as text)
    """

    doc_zh = """以文档后缀命名（.txt、.md 等）的文件里是二进制数据，未能核对。

    原因：以二进制格式保存的稿件、改名为 .txt 的图片，否则会未经核对就通过。根本不是文档的文件（文件夹里的图片）
    按后缀就不会被选中；ignore = ["YW002"] 可接受以文档名保存的二进制文件。
    错误：（把图片保存成 notes.txt）
    正确：（以文本保存的稿件）
    """

    code = "YW002"
    name = "binary-skipped"
    severity = Severity.ERROR
    summary = "二进制文件，未核对"
    summary_en = "binary file, not checked"
    document_rule = False


class TooLarge(Rule):
    """A file over the size limit (``--max-size``), or a quotation too long to match, was not checked.

    Why: a draft that was not checked must not pass as a clean one; raise the limit to check it. A
    quotation over 2,000 characters is almost always an unclosed quotation mark.
    Bad:  (a file larger than the limit)
    Good: (a draft of ordinary size)
    """

    doc_zh = """文件超过大小上限（--max-size），或某处引文过长无法比对，因而未核对。

    原因：未经核对的稿件不能当作没有问题的稿件通过；调高上限即可核对。超过 2000 字的引文几乎总是缺了后引号。
    错误：（超过上限的文件）
    正确：（大小正常的稿件）
    """

    code = "YW003"
    name = "too-large"
    severity = Severity.ERROR
    summary = "文件或引文过长，未核对"
    summary_en = "file or quotation too large, not checked"
    document_rule = False
