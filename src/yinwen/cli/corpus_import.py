"""What ``yinwen corpus import`` prints: each source written, each file it could not read, what was missing."""

from __future__ import annotations

import json

from yinwen.corpus.archive import ImportReport

FIELD_NAMES = {"speaker": ("讲话人", "speaker"), "date": ("日期", "date")}
HOW_TO_GIVE = ("（可在同名 .toml 说明文件中或用 --speaker/--date 给出）", " (give it in a sidecar .toml or with --speaker/--date)")
SKIPPED = ("已跳过（不是 .docx、.pdf、.html、.md 或 .txt 文件）", "skipped (not a .docx, .pdf, .html, .md or .txt file)")


def render_import(report: ImportReport, output: str, lang: str) -> str:
    """One line per source written (id, title, speaker, date), then notes and problems, then a total."""
    en = lang == "en"
    lines = []
    for item in report.imported:
        meta = item.meta
        who = meta.get("speaker") or "-"
        when = meta.get("date") or "-"
        lines.append(f"{item.path} → {item.id}  《{meta.get('title')}》 {who} {when}")
        notes = []
        if item.found_in.get("title") == "file name":
            notes.append("title taken from the file name" if en else "标题取自文件名")
        missing = [FIELD_NAMES[key][1 if en else 0] for key in item.missing]
        if missing:
            notes.append(("not stated in the document: " if en else "文档中未找到：") + "、".join(missing) + HOW_TO_GIVE[en])
        lines += [f"  {note}" for note in notes]
    for problem in report.problems:
        lines.append(f"{problem.path}: " + (f"not imported: {problem.message_en}" if en else f"未导入：{problem.message}"))
    for path in report.skipped:
        lines.append(f"{path}: {SKIPPED[en]}")
    total = len(report.imported) + len(report.problems)
    lines.append(f"imported {len(report.imported)} of {total} file(s) into {output}" if en else
                 f"已导入 {len(report.imported)}/{total} 个文件到 {output}")
    return "\n".join(lines) + "\n"


def import_json(report: ImportReport, output: str) -> str:
    record = {
        "output": output,
        "imported": [{"path": item.path, "id": item.id, "file": str(item.written),
                      "title": item.meta.get("title"), "speaker": item.meta.get("speaker"), "date": item.meta.get("date"),
                      "found_in": item.found_in, "missing": list(item.missing)} for item in report.imported],
        "problems": [{"path": problem.path, "message": problem.message, "message_en": problem.message_en}
                     for problem in report.problems],
        "skipped": report.skipped,
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
