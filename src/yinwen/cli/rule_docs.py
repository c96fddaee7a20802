"""``yinwen rules`` and ``yinwen rule CODE``: the rule documentation, taken from the rules themselves.

Each rule's docstring has a first line, a ``Why:`` paragraph and ``Bad:``/``Good:`` examples (the
tests run those examples), so the documentation a user reads is the one the tests check.
"""

from __future__ import annotations

import json

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _summary(rule, lang: str) -> str:
    return rule.summary_en if lang == "en" and rule.summary_en else rule.summary


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if "\u1100" <= ch and (ch <= "\u115f" or "\u2e80" <= ch <= "\ua4cf" or "\uac00" <= ch <= "\ud7a3"
                                         or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uff60") else 1 for ch in text)


def rules_table(lang: str = "zh") -> str:
    """One line per rule: code, name, default severity, summary — aligned columns with a header."""
    from yinwen.rules import registry

    header = ("code", "name", "severity", "summary") if lang == "en" else ("代码", "名称", "级别", "说明")
    rows = [header]
    for code, rule in registry().items():
        label = rule.severity.label if lang == "en" else SEVERITY_ZH[rule.severity.label]
        rows.append((code, rule.name, label, _summary(rule, lang)))
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:3])]
        lines.append("  ".join([*cells, row[3]]).rstrip())
    return "\n".join(lines) + "\n"


def rules_json() -> str:
    from yinwen.rules import registry

    records = []
    for code, rule in registry().items():
        bad, good = rule.examples()
        records.append({"code": code, "name": rule.name, "severity": rule.severity.label, "summary": rule.summary,
                        "summary_en": rule.summary_en, "doc": rule.doc(), "bad": bad, "good": good})
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def rule_page(rule, lang: str = "zh") -> str:
    """A rule's documentation: header, description, why, bad and good examples, how to configure."""
    doc_lines = rule.doc().split("\n")
    prose = []
    for line in doc_lines:
        stripped = line.strip()
        if stripped.startswith(("Bad:", "Good:")):
            continue
        prose.append(stripped)
    bad, good = rule.examples()
    en = lang == "en"
    severity = rule.severity.label if en else SEVERITY_ZH[rule.severity.label]
    out = [
        f"{rule.code} {rule.name} — {_summary(rule, lang)}",
        f"{'Default severity' if en else '默认级别'}: {severity}",
        "",
        "\n".join(prose).strip(),
        "",
        "Bad:" if en else "错误示例（Bad）：",
        f"    {bad}",
        "Good:" if en else "正确示例（Good）：",
        f"    {good}",
        "",
        ("Configure" if en else "配置") + f': select/ignore "{rule.code}" or "{rule.name}"; '
        f'[tool.yinwen.severity] {rule.code} = "warning"',
    ]
    if rule.document_rule:
        out.append(("Suppress" if en else "忽略") + f": <!-- yinwen-disable-next-line {rule.code} -->  |  "
                   f"yinwen: ignore[{rule.code}]")
    return "\n".join(out) + "\n"
