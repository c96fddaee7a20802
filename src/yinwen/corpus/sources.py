"""Load corpus sources: text files with TOML front matter, and JSONL collections.

A malformed source is a ``CorpusError`` naming the file and line, never a silent skip: a corpus the
user cannot trust is worse than none. ``SOURCES.toml`` and README files describe provenance and are
not sources.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from yinwen.corpus.excerpts import Excerpt, dated_excerpts, excerpt_at, is_compilation
from yinwen.data_files import MAX_DEPTH, DataFileError, check_depth, load_toml_file
from yinwen.messages import msg, os_reason

SOURCE_SUFFIXES = (".txt", ".md", ".jsonl")
NOT_SOURCES = {"sources.toml", "readme.md", "readme.txt", "licence.txt", "license.txt"}
FRONT_MATTER = "+++"
# The fields of ``Source.metadata_row``, in order.
METADATA_FIELDS = ("id", "title", "speaker", "date", "kind", "origin", "licence", "publisher", "dynasty", "book",
                   "aliases", "path", "line", "occasion", "completeness", "excerpts")
# Bumped when the metadata a source carries changes, so cached source tables are rebuilt (corpus/cache.py).
METADATA_VERSION = 6


class CorpusError(Exception):
    """A corpus file that cannot be read as a source; the message names path and line."""


@dataclass(frozen=True)
class Source:
    """One authoritative text. ``paragraphs`` are what a locator counts."""

    id: str
    title: str
    speaker: str | None
    date: str | None
    kind: str
    paragraphs: tuple[str, ...]
    origin: str = ""
    licence: str = ""
    publisher: str | None = None
    dynasty: str | None = None
    book: str | None = None
    aliases: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    occasion: str | None = None
    completeness: str = ""
    excerpts: tuple[Excerpt, ...] = ()  # a compilation's passages with their own date and occasion

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def is_compilation(self) -> bool:
        """Excerpts gathered from other occasions (a 《求是》 compilation, a database of extracts)."""
        return is_compilation(self.kind)

    def dated(self, paragraph: int) -> tuple[str | None, str | None]:
        """(date, occasion) of 1-based ``paragraph``: an excerpt's own where its note gives one."""
        excerpt = excerpt_at(self.excerpts, paragraph)
        if excerpt is not None:
            return excerpt.date, excerpt.occasion
        return self.date, self.occasion

    @property
    def is_classical(self) -> bool:
        return bool(self.dynasty) or self.kind in ("classic", "poem")

    def metadata_row(self) -> list[object]:
        """``metadata()``'s values in ``METADATA_FIELDS`` order: the index's source table stores rows,
        not objects (a third of the bytes to encode, compress and parse)."""
        return [self.id, self.title, self.speaker, self.date, self.kind, self.origin, self.licence, self.publisher,
                self.dynasty, self.book, list(self.aliases), self.path, self.line, self.occasion, self.completeness,
                [excerpt.to_list() for excerpt in self.excerpts]]

    def metadata(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "speaker": self.speaker,
            "date": self.date,
            "kind": self.kind,
            "origin": self.origin,
            "licence": self.licence,
            "publisher": self.publisher,
            "dynasty": self.dynasty,
            "book": self.book,
            "aliases": list(self.aliases),
            "path": self.path,
            "line": self.line,
            "occasion": self.occasion,
            "completeness": self.completeness,
            "excerpts": [excerpt.to_list() for excerpt in self.excerpts],
        }


def corpus_files(directory: Path) -> list[Path]:
    """Source files under ``directory`` in a stable order; hidden entries and symlinked folders are skipped.

    A folder that cannot be listed or a source file that cannot be looked at is a CorpusError: its
    sources would otherwise be left out of the corpus without a word."""
    if directory.is_file():
        return [directory]

    def unlisted(error: OSError) -> None:
        where = error.filename or directory
        raise CorpusError(msg("corpus-cannot-list", path=where, reason=os_reason(error)))

    found = []
    for root, dirs, files in os.walk(directory, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or name.lower() in NOT_SOURCES or os.path.splitext(name)[1].lower() not in SOURCE_SUFFIXES:
                continue
            path = Path(root) / name
            try:
                mode = os.stat(path).st_mode
            except OSError as error:
                raise CorpusError(msg("corpus-cannot-read", path=path, reason=os_reason(error))) from None
            if stat.S_ISREG(mode):  # a FIFO named like a source would block the build
                found.append(path)
    return sorted(found)


def load_sources(directories: list[Path], on_file: Callable[[int, int], None] | None = None) -> list[Source]:
    """Every source in ``directories`` (files or folders); raises CorpusError on a malformed one.

    ``on_file(done, total)`` is told after each file (bytes read so far, of all files): a progress bar.
    """
    return list(iter_sources(directories, on_file))


def iter_sources(directories: list[Path], on_file: Callable[[int, int], None] | None = None) -> Iterator[Source]:
    """The sources one file at a time, so an index build never holds a whole archive's text."""
    seen: set[str] = set()
    for directory in directories:
        if not directory.exists():
            raise CorpusError(msg("corpus-no-path", path=directory))
    files = [path for directory in directories for path in corpus_files(directory)]
    sizes = [path.stat().st_size for path in files] if on_file else []
    total, done = sum(sizes), 0
    for number, path in enumerate(files):
        loaded = iter_jsonl(path) if path.suffix.lower() == ".jsonl" else iter([load_text_source(path)])
        for source in loaded:
            if source.id in seen:
                raise CorpusError(msg("corpus-duplicate-id", path=source.path, line=source.line, id=repr(source.id)))
            seen.add(source.id)
            yield source
        if on_file:
            done += sizes[number]
            on_file(done, total)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(msg("corpus-not-utf8", path=path, offset=error.start)) from None
    except OSError as error:
        raise CorpusError(msg("corpus-cannot-read", path=path, reason=os_reason(error))) from None


def load_text_source(path: Path) -> Source:
    """A text file: optional TOML front matter between +++ lines, then paragraphs."""
    raw = _read(path).replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, object] = {}
    body = raw
    body_line = 1
    if raw.startswith(FRONT_MATTER):
        end = raw.find("\n" + FRONT_MATTER, len(FRONT_MATTER))
        if end < 0:
            raise CorpusError(msg("corpus-front-matter-open", path=path))
        block = raw[len(FRONT_MATTER):end]
        try:
            meta = tomllib.loads(block)
        except tomllib.TOMLDecodeError as error:
            line = getattr(error, "lineno", 0) or _line_from_message(str(error))
            raise CorpusError(msg("corpus-bad-front-matter", path=path, line=line + 1, detail=error)) from None
        except (RecursionError, ValueError) as error:  # nested ten thousand deep, an integer of 5000 digits
            reason = msg("corpus-nested") if isinstance(error, RecursionError) else str(error).split("\n")[0][:200]
            raise CorpusError(msg("corpus-bad-front-matter", path=path, line=2, detail=reason)) from None
        try:
            check_depth(meta, f"{path}:2")
        except DataFileError as error:
            raise CorpusError(error.args[0]) from None
        body = raw[end + len(FRONT_MATTER) + 1:]
        body_line = raw[: end].count("\n") + 3
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    if not paragraphs:
        raise CorpusError(msg("corpus-no-text", path=path, line=body_line))
    return _source_from_meta(meta, paragraphs, path, 1, default_id=path.stem)


def _line_from_message(message: str) -> int:
    marker = "line "
    if marker in message:
        digits = message.split(marker, 1)[1].split()[0].rstrip(",)")
        if digits.isdigit():
            return int(digits)
    return 0


def collection_provenance(path: Path) -> dict[str, str]:
    """origin, licence and a shared kind of a JSONL collection, from the SOURCES.toml beside it."""
    listing = path.parent / "SOURCES.toml"
    try:
        status = listing.stat()
    except OSError:
        return {}
    if not stat.S_ISREG(status.st_mode):
        return {}
    entries = _listed_files(str(listing), status.st_mtime_ns, status.st_size)
    if not isinstance(entries, list):
        raise CorpusError(msg("corpus-provenance-not-list", path=listing))
    for entry in entries:
        if isinstance(entry, dict) and entry.get("file") == path.name:
            # origin and licence, and a kind every record of the file shares unless it says otherwise
            # (蒙学's records carry no dynasty; the file is still classics).
            return {key: str(entry[key]) for key in ("origin", "licence", "kind") if key in entry}
    return {}


@lru_cache(maxsize=8)
def _listed_files(listing: str, mtime_ns: int, size: int) -> object:
    """The ``files`` entries of a SOURCES.toml, parsed once per version of the file (a collection
    of 28 files would otherwise parse it 28 times)."""
    try:
        return load_toml_file(Path(listing)).get("files", [])
    except DataFileError as error:
        raise CorpusError(msg("corpus-bad-provenance", path=listing, detail=error)) from None


def load_jsonl(path: Path) -> list[Source]:
    """A JSONL collection: one source per line (title, author/speaker, text, text_simplified …)."""
    return list(iter_jsonl(path))


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (``split`` would hold a second copy of a 14 MB file)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end]
        start = end + 1


def iter_jsonl(path: Path) -> Iterator[Source]:
    """``load_jsonl`` one source at a time: an index build holds one record, not a whole collection."""
    provenance = collection_provenance(path)
    stem, where = path.stem, str(path)
    for number, line in enumerate(_lines(_read(path)), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(msg("corpus-bad-json", path=path, line=number, detail=error.msg)) from None
        except (RecursionError, ValueError) as error:  # nested too deeply, or an integer of 5000 digits
            raise CorpusError(msg("corpus-bad-json", path=path, line=number, detail=type(error).__name__)) from None
        if line.count("[") + line.count("{") > MAX_DEPTH:  # fewer brackets cannot nest that deep
            try:
                check_depth(record, f"{path}:{number}")
            except DataFileError as error:
                raise CorpusError(error.args[0]) from None
        if not isinstance(record, dict):
            raise CorpusError(msg("corpus-not-object", path=path, line=number))
        text = record.get("text_simplified") or record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(msg("corpus-record-no-text", path=path, line=number))
        paragraphs = tuple(filter(None, map(str.strip, text.split("\n"))))
        meta = {**provenance, **record}
        meta["title"] = record.get("title_simplified") or record.get("title")
        meta["speaker"] = record.get("speaker") or record.get("author_simplified") or record.get("author")
        yield _source_from_meta(meta, paragraphs, path, number, f"{stem}-{number:05d}", where)


# The metadata fields read as text (only those a record has are converted).
TEXT_FIELDS = frozenset(("id", "title", "speaker", "author", "date", "kind", "origin", "licence", "license",
                         "publisher", "dynasty", "source", "book", "occasion", "completeness"))


def _source_from_meta(
    meta: dict[str, object], paragraphs: tuple[str, ...], path: Path, line: int, default_id: str,
    where: str | None = None,
) -> Source:
    aliases = meta.get("aliases") or ()
    if not isinstance(aliases, (list, tuple)):
        raise CorpusError(msg("corpus-aliases-not-list", path=path, line=line))
    text = {key: value if type(value) is str else str(value) for key, value in meta.items()
            if key in TEXT_FIELDS and value is not None and value != ""}
    dynasty = text.get("dynasty")
    kind = text.get("kind") or ("classic" if dynasty else "other")
    excerpts = dated_excerpts(paragraphs) if is_compilation(kind) else ()
    return Source(
        id=text.get("id") or default_id,
        title=text.get("title") or path.stem,
        speaker=text.get("speaker") or text.get("author"),
        date=text.get("date"),
        kind=kind,
        paragraphs=paragraphs,
        origin=text.get("origin") or "",
        licence=text.get("licence") or text.get("license") or "",
        publisher=text.get("publisher"),
        dynasty=dynasty,
        book=text.get("source") if dynasty or kind in ("classic", "poem") else text.get("book"),
        aliases=tuple(str(alias) for alias in aliases),
        path=where or str(path),
        line=line,
        occasion=text.get("occasion"),
        completeness=text.get("completeness") or "",
        excerpts=excerpts,
    )
