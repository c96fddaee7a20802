"""YW001–YW003: problems with the input files themselves (reported by the engine)."""

from __future__ import annotations

from yinwen.diagnostics import Severity
from yinwen.rules import Rule


class Undecodable(Rule):
    """The file is not valid text in any accepted encoding (BOM, UTF-8, GB18030).

    Why: checking mis-decoded text would report nonsense; the message names the first bad byte.
    Bad:  (a file with invalid UTF-8 bytes that are not GB18030 either)
    Good: (a file saved as UTF-8)
    """

    code = "YW001"
    name = "undecodable"
    severity = Severity.ERROR
    summary = "文件无法解码"
    summary_en = "file cannot be decoded"
    document_rule = False


class BinarySkipped(Rule):
    """A binary file found while walking a directory was skipped.

    Why: images and archives in a document folder are not drafts.
    Bad:  (an image among the drafts)
    Good: (only text files)
    """

    code = "YW002"
    name = "binary-skipped"
    severity = Severity.INFO
    summary = "跳过二进制文件"
    summary_en = "binary file skipped"
    document_rule = False


class TooLarge(Rule):
    """A file over the size limit (``--max-size``) was skipped.

    Why: a 500 MB log is not a draft; raise the limit to check it anyway.
    Bad:  (a file larger than the limit)
    Good: (a draft of ordinary size)
    """

    code = "YW003"
    name = "too-large"
    severity = Severity.WARNING
    summary = "文件过大，已跳过"
    summary_en = "file too large, skipped"
    document_rule = False
