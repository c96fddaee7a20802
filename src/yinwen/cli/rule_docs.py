"""``yinwen rules`` and ``yinwen rule CODE``: the rule documentation, taken from the rules themselves.

Each rule's docstring has a first line, a ``Why:`` paragraph and ``Bad:``/``Good:`` examples (the
tests run those examples), so the documentation a user reads is the one the tests check.
"""

from __future__ import annotations

import json

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _summary(rule, lang: str) -> str:
    return rule.summary_en if lang == "en" and rule.summary_en else rule.summary


def display_width(text: str) -> int:
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
    widths = [max(display_width(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row[:3])]
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
    """A rule's documentation: header, description, why, bad and good examples, how to configure.

    Chinese pages come from the rule's ``doc_zh`` (its first line and a 原因： paragraph, and for rules
    about files rather than text, 错误：/正确： descriptions); the examples themselves are the docstring's."""
    en = lang == "en"
    bad, good = rule.examples()
    prose = _prose(rule.doc()) if en else _prose(rule.doc_zh, joiner="")
    if not en:
        described = _described_examples(rule.doc_zh)
        bad, good = described.get("错误", bad), described.get("正确", good)
    severity = rule.severity.label if en else SEVERITY_ZH[rule.severity.label]
    out = [
        f"{rule.code} {rule.name} — {_summary(rule, lang)}",
        f"Default severity: {severity}" if en else f"默认级别：{severity}",
        "",
        prose,
        "",
        "Bad:" if en else "错误示例：",
        f"    {bad}",
        "Good:" if en else "正确示例：",
        f"    {good}",
        "",
        f'Configure: select/ignore "{rule.code}" or "{rule.name}"; [tool.yinwen.severity] {rule.code} = "warning"' if en
        else f'配置：在 select/ignore 中写 "{rule.code}" 或 "{rule.name}"；[tool.yinwen.severity] {rule.code} = "warning"',
    ]
    if rule.document_rule or rule.code == "YW003":
        marks = f"<!-- yinwen-disable-next-line {rule.code} -->  |  yinwen: ignore[{rule.code}]"
        out.append(f"Suppress: {marks}" if en else f"忽略：{marks}")
    return "\n".join(out) + "\n"


def _prose(doc: str, joiner: str = "\n") -> str:
    """The description and why paragraphs of a docstring, without its examples; Chinese lines are
    joined without a break (a wrapped Chinese sentence has no spaces to rejoin at)."""
    paragraphs, current = [], []
    for line in doc.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("Bad:", "Good:", "错误：", "正确：")):
            continue
        if not stripped:
            if current:
                paragraphs.append(joiner.join(current))
                current = []
            continue
        current.append(stripped)
    if current:
        paragraphs.append(joiner.join(current))
    return "\n\n".join(paragraphs)


def _described_examples(doc: str) -> dict[str, str]:
    """错误：/正确： lines of a Chinese doc (rules about files describe their examples in words)."""
    found = {}
    for line in doc.split("\n"):
        stripped = line.strip()
        for label in ("错误", "正确"):
            if stripped.startswith(label + "："):
                found[label] = stripped[len(label) + 1:].strip()
    return found
