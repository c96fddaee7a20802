"""Give the 人民网 database excerpts the date and occasion of the speech they come from (run by hand).

    python docs/scripts/curate_renmin_occasions.py OCCASIONS.jsonl [--corpus data/corpus/modern] [--write]

OCCASIONS.jsonl (the project's corpus-meta/xi-renmin-database-occasions.jsonl) names, for some records of
xi-renmin-database-excerpts.jsonl, the corpus files whose text contains the record's text verbatim. This
script trusts none of it blindly. For every row it
- checks again that the record's text (whitespace removed) is in each named file, and drops names that fail;
- keeps only files by 习近平 himself: the database holds his words, so a 决议 or the 党章 that repeats them
  is not where they were said;
- dates a passage found in a compilation (a 《求是》 article of excerpts) by the note after that passage
  (corpus/excerpts.py), not by the article;
- takes the earliest of what remains, but drops a heading (short, no sentence punctuation) found in
  several speeches: it says nothing about where it was said.
The record then gets ``date``, ``occasion`` and ``dated_from`` (the corpus id the date was read from); a
record found in a full speech or report also takes that speech's ``title``, with the database as
``publisher``, so that a citation reads 习近平：《在…上的讲话》（2016年7月1日），人民网 习近平系列重要讲话数据库.
Without --write it only prints what it would do.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from yinwen.corpus.excerpts import excerpt_at
from yinwen.corpus.sources import Source, load_jsonl, load_text_source

DATABASE = "xi-renmin-database-excerpts.jsonl"
PUBLISHER = "人民网 习近平系列重要讲话数据库"
FULL_TEXT_KINDS = ("speech", "report")
HEADING_MAX = 24
SENTENCE_MARKS = "。！？；，：…"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load_named(corpus: Path, name: str, cache: dict[str, list[Source]]) -> list[Source]:
    """The sources a matched_in entry names: a file, or one record of a JSONL file (file#id)."""
    file, _, record = name.partition("#")
    if file not in cache:
        path = corpus / file
        cache[file] = load_jsonl(path) if file.endswith(".jsonl") else [load_text_source(path)]
    return [s for s in cache[file] if not record or s.id == record]


def dated_place(source: Source, text: str) -> tuple[str, str, bool] | None:
    """(date, occasion, whole speech?) of ``text`` in ``source``, or None when it is not there or undated."""
    for number, paragraph in enumerate(source.paragraphs, start=1):
        if text in squeeze(paragraph):
            excerpt = excerpt_at(source.excerpts, number)
            if excerpt is not None:
                return excerpt.date, excerpt.occasion, False
            if source.is_compilation or not source.date:
                return None
            return source.date, source.occasion or "", source.kind in FULL_TEXT_KINDS
    whole = squeeze(source.text)
    if text in whole and not source.is_compilation and source.date:
        return source.date, source.occasion or "", source.kind in FULL_TEXT_KINDS  # across paragraphs
    return None


def curate(meta_path: Path, corpus: Path) -> tuple[list[dict], Counter]:
    records = [json.loads(line) for line in (corpus / DATABASE).read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {record["id"]: record for record in records}
    tally: Counter = Counter()
    cache: dict[str, list[Source]] = {}
    for line in meta_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        record = by_id.get(row["id"])
        if record is None:
            tally["no such record"] += 1
            continue
        text = squeeze(record["text"])
        places = []
        for name in row["matched_in"]:
            for source in load_named(corpus, name, cache):
                if text not in squeeze(source.text):
                    tally["matched_in entry not verified"] += 1
                    continue
                if source.speaker != "习近平":
                    continue
                place = dated_place(source, text)
                if place is not None:
                    places.append((place[0], not place[2], source.id, place, source))
        if not places:
            tally["dropped: only in documents not by 习近平, or undated"] += 1
            continue
        heading = len(text) <= HEADING_MAX and not any(mark in text for mark in SENTENCE_MARKS)
        if heading and len({place[2] for place in places}) > 1:
            tally["dropped: a heading found in several speeches"] += 1
            continue
        date, _, source_id, (_, occasion, whole), source = min(places, key=lambda item: item[:3])
        if date != row["date"]:
            tally["date differs from the meta row (excerpt note or earlier speech)"] += 1
        record.update({"date": date, "occasion": occasion, "dated_from": source_id})
        if whole:
            record.update({"title": source.title, "publisher": PUBLISHER})
        tally["dated"] += 1
    return records, tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("occasions", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("data/corpus/modern"))
    parser.add_argument("--write", action="store_true", help=f"rewrite {DATABASE} in place")
    args = parser.parse_args()
    records, tally = curate(args.occasions, args.corpus)
    for what, count in sorted(tally.items()):
        print(f"{count:5d}  {what}")
    if args.write:
        lines = [json.dumps(record, ensure_ascii=False) for record in records]
        (args.corpus / DATABASE).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {args.corpus / DATABASE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
