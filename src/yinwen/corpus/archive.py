"""``yinwen corpus import``: turn an organisation's archive into corpus sources, never touching the archive.

Every supported file under the named paths becomes one source file (``<id>.txt`` with +++ front matter)
in the output folder. Its metadata comes, field by field, from the first of
1. a TOML sidecar beside the file (``讲话.docx.toml`` or ``讲话.toml``): what a person wrote down;
2. the document itself: its markup (<title>, <meta>, front matter, Word's title) and what its first and
   last lines state (``archive_meta``);
3. the command line (``--speaker``, ``--date`` …): defaults for the whole batch;
and the title falls back to the file name. A file that cannot be read is reported on one line and the
rest are imported; what could not be found (a date, a speaker) is reported too. Importing again
replaces the sources an earlier import wrote from the same files.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from yinwen.corpus.archive_meta import parse_date, stated_metadata
from yinwen.corpus.archive_read import ARCHIVE_SUFFIXES, read_archive_file
from yinwen.formats.errors import InputError

SIDECAR_KEYS = {"id", "title", "speaker", "date", "occasion", "kind", "publisher", "origin", "licence",
                "aliases", "completeness"}
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
REPORTED_MISSING = ("speaker", "date")
# A document over this size is not a speech or a 文件 but an export of something else.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ImportOptions:
    """Defaults for every file of a batch (the command line)."""

    output: Path
    speaker: str | None = None
    date: str | None = None
    kind: str = "other"
    publisher: str | None = None
    origin: str | None = None
    licence: str = ""
    id_prefix: str = ""


@dataclass(frozen=True)
class Imported:
    path: str
    id: str
    written: Path
    meta: dict[str, object]
    found_in: dict[str, str]  # field -> sidecar | document | command line | file name
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    message_en: str


@dataclass
class ImportReport:
    imported: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of a format yinwen does not read


def archive_files(paths: list[Path], output: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """(file, the folder it was found under) for every supported file, in a stable order; and the others."""
    found, skipped = [], []
    output = output.resolve()
    for root in paths:
        if root.is_file():
            found.append((root, root.parent))
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or any(part.startswith((".", "~$")) for part in relative.parts):
                continue
            if output == path.resolve().parent or output in path.resolve().parents:
                continue  # never re-import what this import writes
            if path.suffix.lower() in ARCHIVE_SUFFIXES:
                found.append((path, root))
            elif path.suffix.lower() != ".toml":
                skipped.append(str(path))
    return found, skipped


def _sidecar(path: Path) -> dict[str, object]:
    """The TOML sidecar beside ``path``, checked; {} when there is none."""
    for candidate in (path.with_name(path.name + ".toml"), path.with_suffix(".toml")):
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
                raise InputError(f"说明文件 {candidate.name} 无法读取：{error}", f"sidecar {candidate.name} cannot be read: {error}") \
                    from None
            unknown = sorted(set(data) - SIDECAR_KEYS)
            if unknown:
                raise InputError(f"说明文件 {candidate.name} 有未知的键：{', '.join(unknown)}",
                                 f"sidecar {candidate.name} has unknown keys: {', '.join(unknown)}")
            return {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in data.items()}
    return {}


def _stated_date(value: str) -> str | None:
    """A date from markup: 2023-04-03T10:00:00+08:00, 2023-04-03 10:00, 2023年4月3日 …"""
    found = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return found.group(0) if found else parse_date(value.split()[0] if value.split() else value)


def _gather(path: Path, options: ImportOptions) -> tuple[list[str], dict[str, object], dict[str, str]]:
    sidecar = _sidecar(path)
    text = read_archive_file(path)
    if not text.paragraphs:
        raise InputError("文件中没有文字", "the file has no text")
    stated = stated_metadata(text.paragraphs, text.title_hint)
    document: dict[str, object] = {"title": stated.title, "speaker": text.stated.get("speaker") or stated.speaker,
                                   "date": _stated_date(text.stated["date"]) if text.stated.get("date") else stated.date,
                                   "occasion": text.stated.get("occasion")}
    command_line: dict[str, object] = {"speaker": options.speaker, "date": options.date, "kind": options.kind,
                                       "publisher": options.publisher, "licence": options.licence or None}
    meta: dict[str, object] = {}
    found_in: dict[str, str] = {}
    for key in ("title", "speaker", "date", "occasion", "kind", "publisher", "licence", "origin", "completeness",
                "aliases", "id"):
        for where, values in (("sidecar", sidecar), ("document", document), ("command line", command_line)):
            if values.get(key):
                meta[key], found_in[key] = values[key], where
                break
    if not meta.get("title"):
        meta["title"], found_in["title"] = path.stem, "file name"
    date = meta.get("date")
    if date and not ISO_DATE.match(str(date)):
        raise InputError(f"日期 {date!r} 不是 YYYY-MM-DD 格式", f"date {date!r} is not YYYY-MM-DD")
    return text.paragraphs, meta, found_in


def _slug(relative: Path, prefix: str) -> str:
    stem = "-".join([*relative.parent.parts, relative.stem])
    slug = re.sub(r"[^\w\-]+", "-", stem.lower(), flags=re.UNICODE).strip("-") or "source"
    return f"{prefix}{slug}"


def _imported_from(target: Path) -> str | None:
    """The input an earlier import wrote ``target`` from (None if it is not an imported source)."""
    try:
        head = target.read_text(encoding="utf-8")[:4000]
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(r'^imported-from = "((?:[^"\\]|\\.)*)"$', head, re.MULTILINE)
    return json.loads(f'"{found.group(1)}"') if found else None


def _free_id(base: str, output: Path, source: Path, taken: set[str]) -> str:
    """``base``, or ``base-2``… when another file (not an earlier import of this one) holds it."""
    candidate, number = base, 1
    while candidate in taken or ((output / f"{candidate}.txt").exists()
                                 and _imported_from(output / f"{candidate}.txt") != str(source)):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _toml_value(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # a TOML date
    return json.dumps(text, ensure_ascii=False)


def source_file_text(meta: dict[str, object], paragraphs: list[str]) -> str:
    """A corpus source: +++ TOML front matter, then the paragraphs separated by blank lines."""
    front = "\n".join(f"{key} = {_toml_value(value)}" for key, value in meta.items() if value not in (None, "", []))
    return f"+++\n{front}\n+++\n" + "\n\n".join(paragraphs) + "\n"


def import_archive(paths: list[Path], options: ImportOptions) -> ImportReport:
    """Read every supported file under ``paths`` and write one source per file into ``options.output``."""
    from yinwen.corpus.sources import CorpusError, load_text_source
    from yinwen.safe_write import write_atomic

    report = ImportReport()
    files, report.skipped = archive_files(paths, options.output)
    options.output.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for path, root in files:
        shown = str(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise InputError(f"文件大小 {size} 字节，超过 {MAX_FILE_BYTES} 字节的上限", f"the file is {size} bytes, over the "
                                 f"{MAX_FILE_BYTES}-byte limit")
            paragraphs, meta, found_in = _gather(path, options)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except InputError as error:
            report.problems.append(Problem(shown, error.message, error.message_en))
            continue
        except OSError as error:
            reason = error.strerror or str(error)
            report.problems.append(Problem(shown, f"无法读取：{reason}", f"cannot read: {reason}"))
            continue
        resolved = path.resolve()
        source_id = str(meta.pop("id", "")) or _free_id(_slug(path.relative_to(root), options.id_prefix),
                                                        options.output, resolved, taken)
        if source_id in taken:
            report.problems.append(Problem(shown, f"说明文件中的 id {source_id!r} 已被本次导入的另一文件使用",
                                           f"the sidecar's id {source_id!r} is already used by another file of this import"))
            continue
        taken.add(source_id)
        record = {"id": source_id, **meta, "origin": meta.get("origin") or options.origin or f"imported from {path.name}",
                  "imported-from": str(resolved), "imported-sha256": digest}
        target = options.output / f"{source_id}.txt"
        write_atomic(target, source_file_text(record, paragraphs).encode("utf-8"))
        try:
            load_text_source(target)
        except CorpusError as error:
            target.unlink()
            report.problems.append(Problem(shown, f"生成的语料文件无效：{error}", f"the source written is not valid: {error}"))
            continue
        missing = tuple(key for key in REPORTED_MISSING if not meta.get(key))
        report.imported.append(Imported(shown, source_id, target, record, found_in, missing))
    return report
