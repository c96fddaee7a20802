"""YW000 internal-error."""

from __future__ import annotations

from yinwen.diagnostics import Severity
from yinwen.rules import Rule


class InternalError(Rule):
    """A rule or a file crashed; the other rules and files still ran (exit code 2).

    Why: one odd file must never hide the findings of the others. Please report it with the file.
    Bad:  (a rule raised an exception)
    Good: (every rule finished)
    """

    doc_zh = """某条规则或某个文件处理时出错；其他规则和文件照常核对（退出码 2）。

    原因：一个异常文件绝不能掩盖其他文件的问题。请连同该文件一起报告此错误。
    错误：（某条规则抛出了异常）
    正确：（每条规则都正常结束）
    """

    code = "YW000"
    name = "internal-error"
    severity = Severity.ERROR
    summary = "内部错误：某条规则或某个文件处理失败"
    summary_en = "internal error in a rule or while reading a file"
    document_rule = False
