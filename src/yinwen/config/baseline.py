"""Baseline: accept the findings a team has reviewed, report only new ones.

A finding is keyed by its content — rule code, file path, and the quoted text (or, for findings
without a quote, the text around the span) — never by line or column, so edits elsewhere in the
file do not invalidate the baseline. Paths are taken relative to the baseline file's directory,
so the same baseline works from any working directory. Keys are counted: if a file has the same misquote twice and
the baseline records one, the second is new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from yinwen.diagnostics import INPUT_PROBLEMS, Diagnostic
from yinwen.messages import msg
from yinwen.text.document import Document

VERSION = 1
CONTEXT_CHARS = 8
# A crash or a file that could not be checked is never accepted: the next run must say so again.
NEVER_BASELINED = INPUT_PROBLEMS


class FileFindings(Protocol):
    """What the baseline needs of a checked file (the engine's FileReport, a dataclass)."""

    path: str
    diagnostics: list[Diagnostic]
    document: Document | None


class Findings(Protocol):
    """What the baseline needs of a run's report: its files, replaceable in place."""

    files: list[FileFindings]


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a yinwen baseline."""


def normalise_path(path: str, base: Path | None = None) -> str:
    """POSIX form; relative to ``base`` when the file lies under it (stdin stays ``<stdin>``)."""
    if base is not None and not path.startswith("<"):
        try:
            return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(base))).as_posix()
        except ValueError:
            pass
    posix = path.replace("\\", "/")
    return posix[2:] if posix.startswith("./") else posix


def anchor(diagnostic: Diagnostic, document: Document | None) -> str:
    """The content a finding is about, with whitespace removed (reflowing a paragraph keeps it)."""
    if diagnostic.quote:
        text = diagnostic.quote
    elif diagnostic.span is not None and document is not None:
        lo = max(0, diagnostic.span.start - CONTEXT_CHARS)
        text = document.text[lo:diagnostic.span.end + CONTEXT_CHARS]
    else:
        text = diagnostic.message_en or diagnostic.message
    return "".join(text.split())


def fingerprint(path: str, diagnostic: Diagnostic, document: Document | None, base: Path | None = None) -> str:
    key = "\x1f".join([diagnostic.code, normalise_path(path, base), anchor(diagnostic, document)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def baseline_record(report: Findings, base: Path | None = None) -> dict:
    entries: Counter[tuple[str, str, str]] = Counter()
    for file in report.files:
        for diagnostic in file.diagnostics:
            if diagnostic.code in NEVER_BASELINED:
                continue
            key = fingerprint(file.path, diagnostic, file.document, base)
            entries[(normalise_path(file.path, base), diagnostic.code, key)] += 1
    findings = [{"path": path, "code": code, "fingerprint": key, "count": count}
                for (path, code, key), count in sorted(entries.items())]
    return {"version": VERSION, "tool": "yinwen", "findings": findings}


def write_baseline(report: Findings, path: Path) -> int:
    """Write the baseline; returns how many findings it records."""
    from yinwen.safe_write import write_atomic

    record = baseline_record(report, path.parent)
    write_atomic(path, (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return sum(entry["count"] for entry in record["findings"])


def load_baseline(path: Path) -> Counter[str]:
    from yinwen.data_files import MAX_BASELINE_BYTES, DataFileError, decode_utf8, parse_json, read_limited

    try:
        record = parse_json(decode_utf8(read_limited(path, MAX_BASELINE_BYTES), path), path)
    except DataFileError as error:
        raise BaselineError(msg("baseline-unusable", reason=error)) from None
    if not isinstance(record, dict) or record.get("version") != VERSION or not isinstance(record.get("findings"), list):
        raise BaselineError(msg("baseline-wrong-shape", path=path, version=VERSION))
    counts: Counter[str] = Counter()
    for entry in record["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(msg("baseline-entry-without-fingerprint", path=path))
        count = entry.get("count", 1)
        counts[entry["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
    return counts


def apply_baseline(report: Findings, accepted: Counter[str], base: Path | None = None) -> int:
    """Drop the findings the baseline accepts (in place); returns how many were dropped."""
    remaining = Counter(accepted)
    dropped = 0
    for index, file in enumerate(report.files):
        kept = []
        for diagnostic in file.diagnostics:
            key = fingerprint(file.path, diagnostic, file.document, base)
            if diagnostic.code not in NEVER_BASELINED and remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
                continue
            kept.append(diagnostic)
        if len(kept) != len(file.diagnostics):
            report.files[index] = replace(file, diagnostics=kept)
    return dropped
