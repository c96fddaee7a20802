"""yinwen on real drafts, scored against hand labels (tests/fixtures/real-drafts/labels/).

Precision is what a writer feels: of the error-level findings (YW101/102/103), how many are real errors;
of the stutter warnings (YW201), how many are real slips. Recall: of the quotations a reader judged
wrong, how many get an error-level finding. Coverage: of the quotations the drafts credit to someone,
how many yinwen resolves to a source. Every finding that no label covers is listed, so it is judged by
hand before it counts.

    python benchmarks/real_drafts.py [--json] [--verbose] [DRAFT...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "tests" / "fixtures" / "real-drafts"
LABELS = DRAFTS / "labels"
ERROR_CODES = ("YW101", "YW102", "YW103")
WORDING_CODES = ("YW202", "YW301")
ERROR_TRUTHS = {"misquote", "spliced", "misattributed"}
RESOLVED = {"verified", "misquote", "spliced", "misattributed"}


@dataclass
class Score:
    """Counts behind every figure, and the findings a reader still has to judge."""

    true_errors: Counter = field(default_factory=Counter)  # code -> findings on labelled errors
    false_errors: Counter = field(default_factory=Counter)  # code -> findings on faithful quotes or non-quotations
    unjudged_errors: list[str] = field(default_factory=list)
    labelled_errors: int = 0
    caught_errors: int = 0
    missed_errors: list[str] = field(default_factory=list)
    stutter_true: int = 0
    stutter_false: list[str] = field(default_factory=list)
    stutter_unjudged: list[str] = field(default_factory=list)
    attributed: int = 0
    attributed_resolved: int = 0
    wording_true: Counter = field(default_factory=Counter)  # YW202/YW301 findings judged true, by code
    wording_false: list[str] = field(default_factory=list)
    wording_unjudged: list[str] = field(default_factory=list)
    roles: Counter = field(default_factory=Counter)  # (labelled, predicted) -> count
    false_error_details: list[str] = field(default_factory=list)

    @property
    def error_precision(self) -> float:
        found = sum(self.true_errors.values()) + sum(self.false_errors.values())
        return sum(self.true_errors.values()) / found if found else 1.0

    @property
    def error_recall(self) -> float:
        return self.caught_errors / self.labelled_errors if self.labelled_errors else 1.0

    @property
    def coverage(self) -> float:
        return self.attributed_resolved / self.attributed if self.attributed else 1.0

    def precision_of(self, code: str) -> float | None:
        found = self.true_errors[code] + self.false_errors[code]
        return self.true_errors[code] / found if found else None

    def role_accuracy(self) -> float | None:
        judged = sum(n for (label, predicted), n in self.roles.items() if predicted is not None)
        right = sum(n for (label, predicted), n in self.roles.items() if predicted is not None and label == predicted)
        return right / judged if judged else None

    def as_json(self) -> dict:
        return {
            "error_precision": round(self.error_precision, 4),
            "error_recall": round(self.error_recall, 4),
            "precision_by_code": {code: self.precision_of(code) for code in ERROR_CODES},
            "true_errors": dict(self.true_errors), "false_errors": dict(self.false_errors),
            "labelled_errors": self.labelled_errors, "caught_errors": self.caught_errors,
            "stutter_true": self.stutter_true, "stutter_false": len(self.stutter_false),
            "attributed": self.attributed, "attributed_resolved": self.attributed_resolved,
            "coverage": round(self.coverage, 4), "role_accuracy": self.role_accuracy(),
            "unjudged_errors": self.unjudged_errors, "unjudged_stutters": self.stutter_unjudged,
            "false_error_details": self.false_error_details, "stutter_false_details": self.stutter_false,
            "missed_errors": self.missed_errors, "wording_true": dict(self.wording_true),
            "wording_false": self.wording_false, "wording_unjudged": self.wording_unjudged,
        }


def load_labels(names: list[str] | None = None) -> dict[str, dict]:
    """Labels per draft file name."""
    found = {}
    for path in sorted(LABELS.glob("*.toml")):
        name = path.stem + ".txt"
        if names and name not in names:
            continue
        found[name] = tomllib.loads(path.read_text(encoding="utf-8"))
    return found


def label_for(quotes: list[dict], text: str, line: int) -> dict | None:
    """The label of the quote with this text, nearest in line (a file may quote the same words twice)."""
    same = [q for q in quotes if q["text"] == text]
    if not same:
        squeezed = "".join(text.split())
        same = [q for q in quotes if "".join(q["text"].split()) == squeezed]
    return min(same, key=lambda q: abs(q["line"] - line)) if same else None


def _where(name: str, line: int, text: str) -> str:
    return f"{name}:{line} {text[:50]}"


def score_report(name: str, report, labels: dict, score: Score) -> None:
    """Add one checked draft (an engine FileReport) to ``score``."""
    quotes = labels.get("quote", [])
    document = report.document
    matched_labels: dict[int, str] = {}
    for match in report.matches:
        quote = match.quote
        line = document.span(quote.start, quote.end).line if document else 0
        label = label_for(quotes, quote.text, line)
        if label is None:
            continue
        matched_labels[id(label)] = match.verdict
        predicted = getattr(match.quote, "role", None)
        score.roles[(label["role"], predicted)] += 1
        if label["role"] == "quotation" and label.get("speaker"):
            score.attributed += 1
            if match.verdict in RESOLVED:
                score.attributed_resolved += 1
    flagged: set[int] = set()
    for diagnostic in report.diagnostics:
        span = diagnostic.span
        if diagnostic.code in ERROR_CODES:
            text = diagnostic.quote or ""
            label = label_for(quotes, text, span.line if span else 0)
            where = _where(name, span.line if span else 0, text)
            if label is None or (label["role"] == "quotation" and label.get("truth") in ("unknown", "", None)):
                score.unjudged_errors.append(f"{diagnostic.code} {where}")
            elif label["role"] == "quotation" and label.get("truth") in ERROR_TRUTHS:
                score.true_errors[diagnostic.code] += 1
                flagged.add(id(label))
            else:
                score.false_errors[diagnostic.code] += 1
                score.false_error_details.append(f"{diagnostic.code} {where} — label: {label['role']}/"
                                                 f"{label.get('truth') or '-'}: {label.get('reason', '')}")
        elif diagnostic.code == "YW201":
            context = document.text[max(0, span.start - 6):span.end + 6] if document and span else ""
            verdict = _stutter_verdict(labels, span.line if span else 0, document, span)
            where = f"{name}:{span.line if span else 0} {context!r}"
            if verdict is None:
                score.stutter_unjudged.append(where)
            elif verdict:
                score.stutter_true += 1
            else:
                score.stutter_false.append(where)
        elif diagnostic.code in WORDING_CODES:
            line = span.line if span else 0
            judged = [item for item in labels.get("finding", []) if item.get("code") == diagnostic.code
                      and item.get("line") == line and item.get("verdict") in ("true", "false")]
            where = f"{diagnostic.code} {name}:{line} {diagnostic.text('zh')[:60]}"
            if not judged:
                score.wording_unjudged.append(where)
            elif judged[0]["verdict"] == "true":
                score.wording_true[diagnostic.code] += 1
            else:
                score.wording_false.append(f"{where} — {judged[0].get('reason', '')}")
    for label in quotes:
        if label["role"] == "quotation" and label.get("truth") in ERROR_TRUTHS:
            score.labelled_errors += 1
            if id(label) in flagged:
                score.caught_errors += 1
            else:
                verdict = matched_labels.get(id(label), "not extracted")
                score.missed_errors.append(f"{_where(name, label['line'], label['text'])} — {label['truth']}, "
                                           f"yinwen: {verdict}")


def _stutter_verdict(labels: dict, line: int, document, span) -> bool | None:
    """The labelled verdict of a YW201 finding: same line, and its context contains the doubled text."""
    if document is None or span is None:
        return None
    doubled = document.text[span.start:span.end]
    for item in labels.get("finding", []) + labels.get("missed", []):
        if item.get("code", "YW201") != "YW201" or item.get("kind", "stutter") != "stutter":
            continue
        if item.get("line") != line:
            continue
        context = item.get("context") or item.get("text") or ""
        if doubled and doubled[:1] in context:
            verdict = item.get("verdict")
            if verdict in ("true", "false"):
                return verdict == "true"
            if "kind" in item:  # a [[missed]] slip the labeller found: reporting it is right
                return True
    return None


def run(names: list[str] | None = None, check=None) -> Score:
    """Check every labelled draft (through ``check(path) -> FileReport`` when given) and score it."""
    labels = load_labels(names)
    if check is None:
        check = _default_checker()
    score = Score()
    for name, label in labels.items():
        score_report(name, check(DRAFTS / name), label, score)
    return score


def _default_checker():
    from yinwen.config.settings import Settings
    from yinwen.corpus.store import open_corpus
    from yinwen.engine import check_document
    from yinwen.resources import bundled_corpus_dir
    from yinwen.text.document import Document

    corpus = open_corpus([bundled_corpus_dir()])
    settings = Settings()

    def check(path: Path):
        return check_document(Document.from_text(path.name, path.read_text(encoding="utf-8")), corpus, settings)

    return check


def render(score: Score, verbose: bool) -> str:
    lines = []
    if verbose:
        for title, items in (("False error findings", score.false_error_details),
                             ("Error findings no label judges", score.unjudged_errors),
                             ("Labelled errors without an error finding", score.missed_errors),
                             ("False stutter warnings", score.stutter_false),
                             ("Stutter warnings no label judges", score.stutter_unjudged),
                             ("False YW202/YW301 findings", score.wording_false),
                             ("YW202/YW301 findings no label judges", score.wording_unjudged)):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {item}" for item in items]
        confusion = defaultdict(Counter)
        for (label, predicted), n in score.roles.items():
            confusion[label][predicted or "-"] += n
        lines.append("Roles (labelled → yinwen): " + "; ".join(
            f"{label}: " + ", ".join(f"{p} {n}" for p, n in sorted(row.items(), key=lambda kv: -kv[1]))
            for label, row in sorted(confusion.items())))
    by_code = ", ".join(f"{code} {score.true_errors[code]}/{score.true_errors[code] + score.false_errors[code]}"
                        for code in ERROR_CODES)
    role = score.role_accuracy()
    lines.append(f"error findings: precision {score.error_precision:.3f} ({by_code}; {len(score.unjudged_errors)} unjudged)")
    lines.append(f"labelled true errors caught: {score.caught_errors}/{score.labelled_errors} "
                 f"(recall {score.error_recall:.3f})")
    lines.append(f"stutter warnings: {score.stutter_true} true, {len(score.stutter_false)} false, "
                 f"{len(score.stutter_unjudged)} unjudged")
    lines.append(f"repeated sentences and formulations (YW202/YW301): {sum(score.wording_true.values())} true, "
                 f"{len(score.wording_false)} false, {len(score.wording_unjudged)} unjudged")
    lines.append(f"attributed quotations resolved to a source: {score.attributed_resolved}/{score.attributed} "
                 f"({score.coverage:.3f})" + (f"; roles right {role:.3f}" if role is not None else ""))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", nargs="*", help="only these draft file names")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every false, unjudged and missed finding")
    args = parser.parse_args(argv)
    score = run(args.drafts or None)
    sys.stdout.write(json.dumps(score.as_json(), ensure_ascii=False, indent=2) + "\n" if args.json
                     else render(score, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
