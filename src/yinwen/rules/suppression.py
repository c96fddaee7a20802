"""YW006 unknown-suppression: an inline suppression that names no rule (reported by config/suppress.py)."""

from __future__ import annotations

from yinwen.diagnostics import Severity
from yinwen.rules import Rule


class UnknownSuppression(Rule):
    """An inline suppression names a code that is no rule, so it silences nothing.

    Why: ``yinwen: ignore[YW999]`` (a typo for YW101, say) reads as if a reviewed finding were
    silenced, while the finding it meant is still reported — or worse, the marker is trusted later.
    Bad:  认真学习党的二十大精神。 yinwen: ignore[YW999]
    Good: 认真学习党的二十大精神。 yinwen: ignore[YW201]
    """

    doc_zh = """行内忽略标记写了一个不存在的规则代码，因此什么也没有忽略。

    原因：yinwen: ignore[YW999]（比如把 YW101 写错了）看起来像是已复核并忽略了某个问题，实际上想忽略的问题仍会报告，
    或者这个标记日后被人误信。
    """

    code = "YW006"
    name = "unknown-suppression"
    severity = Severity.WARNING
    summary = "忽略标记中的规则不存在"
    summary_en = "suppression names no rule"
    document_rule = False
