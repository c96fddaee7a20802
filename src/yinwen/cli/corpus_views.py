"""The work behind ``yinwen corpus …``: build, list, show, stats, add and search.

Each function takes plain arguments and returns text (or raises CorpusError / CommandError with a
one-line message), so cli.py only wires options to them and prints.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from yinwen.corpus.sources import CorpusError, Source, load_text_source
from yinwen.corpus.user import default_dirs, user_corpus_dir, user_corpus_if_any


class CommandError(Exception):
    """A user mistake in a corpus command; the message is shown as is."""


def open_for_command(dirs: list[Path] | None, cache: Path | None = None, rebuild: bool = False, progress=None):
    from yinwen.corpus.store import open_corpus

    return open_corpus(default_dirs(dirs), cache, rebuild=rebuild, progress=progress)


def source_chars(corpus, index: int) -> int:
    return int(corpus.arrays.src_orig[index + 1]) - int(corpus.arrays.src_orig[index]) - 1


def list_sources(corpus, as_json: bool = False) -> str:
    """One line per source: id, title, speaker/author, date, characters, origin (tab-separated, or JSON lines)."""
    lines = [] if as_json else ["id\ttitle\tspeaker\tdate\tchars\torigin"]
    for index, source in enumerate(corpus.sources):
        chars = source_chars(corpus, index)
        if as_json:
            lines.append(json.dumps({"id": source.id, "title": source.title, "speaker": source.speaker,
                                     "date": source.date, "chars": chars, "origin": source.origin}, ensure_ascii=False))
        else:
            lines.append("\t".join([source.id, source.title, source.speaker or "", source.date or "", str(chars),
                                     source.origin]))
    return "\n".join(lines) + "\n"


def find_source(corpus, source_id: str) -> int:
    """Index of the source with ``source_id`` (a hash lookup, not a parse of every source)."""
    index = corpus.sources.index_of(source_id)
    if index is None:
        raise CommandError(f"no source with id {source_id!r} (see `yinwen corpus list`)")
    return index


def show_source(corpus, source_id: str, lang: str = "zh") -> str:
    """A source's metadata (as TOML-like lines) and its text, paragraphs separated by blank lines."""
    index = find_source(corpus, source_id)
    source = corpus.sources[index]
    meta = {key: value for key, value in source.metadata().items() if value not in (None, "", [])}
    meta["chars"] = source_chars(corpus, index)
    header = "\n".join(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    text = corpus.source_text(index).replace("\n", "\n\n")
    return f"+++\n{header}\n+++\n{text}\n"


def stats(corpus, index_path: Path | None = None) -> str:
    """Sizes of the corpus and its index, sources by kind, the most frequent speakers."""
    arrays = corpus.arrays
    kinds: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    for source in corpus.sources:
        kinds[source.kind] += 1
        speakers[source.speaker or "—"] += 1
    lines = [
        f"sources            {len(corpus.sources)}",
        f"characters         {corpus.chars}",
        f"normalised chars   {len(arrays.norm)}",
        f"paragraphs         {len(arrays.para_orig)}",
    ]
    lines.append(f"2-grams            {len(arrays.pair_keys)} distinct, {len(arrays.positions)} postings")
    lines.append(f"fingerprint        {corpus.fingerprint}")
    if index_path is not None and index_path.is_dir():
        size = sum(p.stat().st_size for p in index_path.iterdir() if p.is_file())
        lines.append(f"index              {index_path} ({size / 1e6:.1f} MB)")
    lines.append("by kind            " + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    lines.append("top speakers       " + ", ".join(f"{name} {count}" for name, count in speakers.most_common(10)))
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class NewSource:
    title: str
    speaker: str | None = None
    date: str | None = None
    kind: str = "other"
    id: str | None = None
    origin: str = ""
    licence: str = ""


MAX_SOURCE_BYTES = 256 * 1024 * 1024
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def add_source(file: Path, new: NewSource, force: bool = False) -> Path:
    """Write ``file``'s text with front matter into the user corpus; returns the written path."""
    from yinwen.data_files import DataFileError, read_limited
    from yinwen.text.document import DecodeError, decode

    try:
        data = read_limited(file, MAX_SOURCE_BYTES)  # a regular file: /dev/zero would never end
    except DataFileError as error:
        raise CommandError(str(error)) from None
    try:
        text, _ = decode(data, None)
    except DecodeError as error:
        raise CommandError(f"{file}: not text in UTF-8 or GB18030: {error}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\n+++" in "\n" + text:
        raise CommandError(f"{file}: a line starting with +++ would be read as front matter")
    if not text:
        raise CommandError(f"{file}: no text")
    if new.date and not DATE.match(new.date):
        raise CommandError(f"--date {new.date!r}: use YYYY-MM-DD (or YYYY-MM, YYYY)")
    source_id = new.id or _slug(file.stem)
    if not re.match(r"^[\w\-.]+$", source_id):
        raise CommandError(f"--id {source_id!r}: use letters, digits, '-', '_' or '.'")
    fields = {"id": source_id, "title": new.title, "speaker": new.speaker, "date": new.date, "kind": new.kind,
              "origin": new.origin or f"added with yinwen corpus add from {file.name}", "licence": new.licence}
    front = "\n".join(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value)
    tomllib.loads(front)  # JSON strings are TOML basic strings; this guards the assumption
    # Paragraphs: blank-line separated already, else one paragraph per line.
    paragraphs = [p.strip() for p in (text.split("\n\n") if "\n\n" in text else text.split("\n")) if p.strip()]
    directory = user_corpus_dir()
    target = directory / f"{source_id}.txt"
    if target.exists() and not force:
        raise CommandError(f"{target} exists; use --force to replace it")
    _check_unique(source_id, target)
    from yinwen.safe_write import write_atomic

    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(target, f"+++\n{front}\n+++\n" .encode() + "\n\n".join(paragraphs).encode("utf-8") + b"\n")
    except OSError as error:
        raise CommandError(f"cannot write to the user corpus {directory}: {error.strerror or error}") from None
    try:
        load_text_source(target)
    except CorpusError:
        target.unlink()
        raise
    return target


def _check_unique(source_id: str, target: Path) -> None:
    """An id already used by another source would make the whole corpus fail to load."""
    from yinwen.resources import bundled_corpus_dir

    for directory in [bundled_corpus_dir(), *user_corpus_if_any()]:
        for path in directory.rglob("*.txt"):
            if path.resolve() == target.resolve():
                continue
            if path.stem == source_id or f'id = "{source_id}"' in path.read_text(encoding="utf-8", errors="strict")[:2000]:
                raise CommandError(f"source id {source_id!r} is already used by {path}; choose another with --id")


def _slug(stem: str) -> str:
    slug = re.sub(r"[^\w\-.]+", "-", stem).strip("-")
    return slug or "source"


@dataclass(frozen=True)
class Passage:
    source: Source
    similarity: float
    text: str
    paragraph: int


def search_passages(corpus, phrase: str, limit: int = 5) -> list[Passage]:
    """The best passages for ``phrase``, most similar first (the similarity the checker itself reports)."""
    from yinwen.match.candidates import search
    from yinwen.text.normalize import normalize_text

    query = normalize_text(phrase)
    if not query:
        return []
    found = []
    for candidate in search(corpus, query, limit=max(limit, 6))[:limit]:
        start, end = corpus.orig_offset(candidate.start), corpus.orig_offset(candidate.end - 1) + 1
        found.append(Passage(corpus.sources[candidate.source], candidate.alignment.similarity, corpus.orig_text(start, end),
                             corpus.paragraph_number(candidate.source, start)))
    found.sort(key=lambda passage: -passage.similarity)
    return found


def render_passages(passages: list[Passage], lang: str = "zh") -> str:
    if not passages:
        return ("未找到相近的原文" if lang != "en" else "no similar passage found") + "\n"
    lines = []
    for rank, passage in enumerate(passages, start=1):
        source = passage.source
        where = f"第{passage.paragraph}段" if lang != "en" else f"paragraph {passage.paragraph}"
        who = "".join(part for part in (source.speaker or "", f"《{source.title}》") if part)
        lines.append(f"{rank}. {passage.similarity:.0%}  {passage.text}")
        lines.append(f"   {who}，{source.date or ''}，{where}  [{source.id}]".replace("，，", "，"))
    return "\n".join(lines) + "\n"
