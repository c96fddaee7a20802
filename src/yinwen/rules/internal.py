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

    code = "YW000"
    name = "internal-error"
    severity = Severity.ERROR
    summary = "内部错误：某条规则或某个文件处理失败"
    summary_en = "internal error in a rule or while reading a file"
    document_rule = False
