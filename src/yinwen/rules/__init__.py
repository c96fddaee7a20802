"""Rules turn matches (or the document itself) into diagnostics. One rule family per module.

Adding a rule = one module here with a ``Rule`` subclass + its name in ``RULE_MODULES``.
Each rule documents itself (why / bad / good) in its docstring; the tests run those examples.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from yinwen.corpus.store import Corpus
from yinwen.diagnostics import Diagnostic, Severity
from yinwen.match.records import Match
from yinwen.match.thresholds import Thresholds
from yinwen.text.document import Document
from yinwen.text.quotes import Extraction

RULE_MODULES = (
    "internal",
    "input",
    "unbalanced",
    "misquote",
    "spliced",
    "misattributed",
    "punctuation",
    "unverified",
    "variant",
    "stutter",
    "repeated",
    "reuse",
    "formulation",
    "invisible",
    "suppression",
)


@dataclass
class Context:
    """Everything a rule may look at for one document."""

    document: Document
    extraction: Extraction
    matches: list[Match]
    corpus: Corpus | None
    thresholds: Thresholds = field(default_factory=Thresholds)
    # User files extending data/formulations.toml (YW301).
    formulations: tuple = ()


class Rule:
    """Base class: subclasses set code, name, severity and implement ``check``."""

    code: str = ""
    name: str = ""
    severity: Severity = Severity.WARNING
    summary: str = ""
    summary_en: str = ""
    # The documentation in Chinese: first line, 原因： paragraph (and 错误：/正确： for rules about files).
    doc_zh: str = ""
    # Rules that only describe input problems (YW0xx) run outside ``check``.
    document_rule: bool = True

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())

    def diagnostic(self, **fields) -> Diagnostic:
        """A finding of this rule: its code, name and default severity, plus ``fields``."""
        return Diagnostic(code=self.code, rule=self.name, severity=self.severity, **fields)

    @classmethod
    def doc(cls) -> str:
        return (cls.__doc__ or "").strip()

    @classmethod
    def examples(cls) -> tuple[str, str]:
        """The Bad: and Good: lines of the docstring."""
        bad = good = ""
        for line in cls.doc().split("\n"):
            stripped = line.strip()
            if stripped.startswith("Bad:"):
                bad = stripped[4:].strip()
            elif stripped.startswith("Good:"):
                good = stripped[5:].strip()
        return bad, good


_REGISTRY: dict[str, type[Rule]] | None = None


def registry() -> dict[str, type[Rule]]:
    """All rules by code, in code order."""
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, type[Rule]] = {}
        for module_name in RULE_MODULES:
            module = importlib.import_module(f"yinwen.rules.{module_name}")
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and value.code:
                    found[value.code] = value
        _REGISTRY = dict(sorted(found.items()))
    return _REGISTRY


def resolve_rule(name_or_code: str) -> type[Rule] | None:
    """A rule by code (YW101) or kebab-case name (misquote)."""
    rules = registry()
    key = name_or_code.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((rule for rule in rules.values() if rule.name == key.lower()), None)
