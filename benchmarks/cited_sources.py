"""Attributed quotations on the labelled real drafts: how many are resolved to a correct source.

A quotation the drafts credit to someone (label role ``quotation`` with a ``speaker``) counts as
- resolved: yinwen found it (verified, misquote, spliced or misattributed) and names a source;
- resolved to a correct source: besides, the source is by the credited speaker or is the credited work
  (or is the source the labeller names, e.g. 苏轼《前赤壁赋》 for words 习近平 quoted), and it is dated
  unless it is a classic — a citation to an undated extract says nothing of where the words were said;
- cited with the original's date: the label names a date and the citation gives the same one.

    python benchmarks/cited_sources.py [--verbose] [--json]

The labels are tests/fixtures/real-drafts/labels/ (see the README there); benchmarks/real_drafts.py reads
them the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import real_drafts  # noqa: E402

# Works the labels credit, by the names the corpus gives their sources (title or book).
WORK_NAMES = {"二十大报告": ("在中国共产党第二十次全国代表大会上的报告",), "《易经》": ("周易",), "《周易》": ("周易",),
              "《论语》": ("论语",), "《孟子》": ("孟子",), "《庄子》": ("庄子",)}
LABEL_DATE = re.compile(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b")
CLASSICAL_KINDS = ("classic", "poem")


@dataclass
class Tally:
    attributed: int = 0
    resolved: int = 0
    correct: int = 0
    dated_in_label: int = 0
    original_date: int = 0
    wrong: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"attributed": self.attributed, "resolved": self.resolved, "correct_source": self.correct,
                "label_dates": self.dated_in_label, "cited_with_the_original_date": self.original_date,
                "not_correct": self.wrong}


def _speaker_ok(label: dict, source) -> bool:
    credited = label["speaker"]
    names = WORK_NAMES.get(credited)
    if names:
        return any(name in (source.title or "") for name in names)
    from yinwen.text.speakers import resolve_speaker

    if source.speaker and resolve_speaker(source.speaker) == resolve_speaker(credited):
        return True
    named = label.get("source") or ""  # the labeller's own note of the source: 苏轼《前赤壁赋》, 习近平引用
    head = named.split(",")[0].split("，")[0]
    return bool(source.speaker and source.speaker in head) or bool(source.title and source.title[:6] in head)


def score(check=None) -> Tally:
    labels = real_drafts.load_labels()
    check = check or real_drafts._default_checker()
    tally = Tally()
    for name, labelled in labels.items():
        report = check(real_drafts.DRAFTS / name)
        quotes = labelled.get("quote", [])
        for match, source in zip(report.matches, report.sources):
            line = report.document.span(match.quote.start, match.quote.end).line
            label = real_drafts.label_for(quotes, match.quote.text, line)
            if label is None or label["role"] != "quotation" or not label.get("speaker"):
                continue
            tally.attributed += 1
            where = f"{name}:{line} {match.quote.text[:30]}"
            if match.verdict not in real_drafts.RESOLVED or source is None:
                tally.unresolved.append(where)
                continue
            tally.resolved += 1
            dated = bool(source.date) or source.kind in CLASSICAL_KINDS
            if _speaker_ok(label, source) and dated:
                tally.correct += 1
            else:
                tally.wrong.append(f"{where} → {source.speaker}《{source.title[:30]}》{source.date or '(undated)'} "
                                   f"— label: {label['speaker']}: {(label.get('source') or '')[:60]}")
            found = LABEL_DATE.search(label.get("source") or "")
            if found:
                tally.dated_in_label += 1
                if source.date and source.date.startswith(found.group(1)):
                    tally.original_date += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every resolved quotation not counted correct")
    args = parser.parse_args(argv)
    tally = score()
    if args.json:
        sys.stdout.write(json.dumps(tally.as_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.verbose:
        print(f"Resolved, not to a correct source ({len(tally.wrong)}):")
        for item in tally.wrong:
            print(f"  {item}")
    print(f"attributed quotations: {tally.attributed}; resolved {tally.resolved} ({tally.resolved / tally.attributed:.3f}); "
          f"to a correct source {tally.correct} ({tally.correct / tally.attributed:.3f}); "
          f"cited with the labelled original's date {tally.original_date}/{tally.dated_in_label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
