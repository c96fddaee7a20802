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
from yinwen.messages import msg, os_reason

# Column and row labels of `corpus list` and `corpus stats`, in the run's language.
LIST_HEADER = {"zh": "编号\t标题\t讲话人/作者\t日期\t字数\t来源", "en": "id\ttitle\tspeaker\tdate\tchars\torigin"}
STATS_LABELS = {
    "zh": {"sources": "来源", "chars": "字数", "norm": "规范化后字数", "paragraphs": "段落", "grams": "{n}元组",
           "grams_value": "{keys} 种，{postings} 处", "fingerprint": "指纹", "index": "索引",
           "index_value": "{path}（{size:.1f} MB）", "kinds": "按类别", "speakers": "主要讲话人/作者"},
    "en": {"sources": "sources", "chars": "characters", "norm": "normalised chars", "paragraphs": "paragraphs",
           "grams": "{n}-grams", "grams_value": "{keys} distinct, {postings} postings", "fingerprint": "fingerprint",
           "index": "index", "index_value": "{path} ({size:.1f} MB)", "kinds": "by kind", "speakers": "top speakers"},
}


class CommandError(Exception):
    """A user mistake in a corpus command; the message (a catalog Message) is shown as is."""


def open_for_command(dirs: list[Path] | None, cache: Path | None = None, rebuild: bool = False, progress=None):
    from yinwen.corpus.store import open_corpus

    return open_corpus(default_dirs(dirs), cache, rebuild=rebuild, progress=progress)


def source_chars(corpus, index: int) -> int:
    return int(corpus.arrays.src_orig[index + 1]) - int(corpus.arrays.src_orig[index]) - 1


def list_sources(corpus, as_json: bool = False, lang: str = "zh") -> str:
    """One line per source: id, title, speaker/author, date, characters, origin (tab-separated, or JSON lines)."""
    lines = [] if as_json else [LIST_HEADER["en" if lang == "en" else "zh"]]
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
        raise CommandError(msg("no-source-with-id", id=repr(source_id)))
    return index


def show_source(corpus, source_id: str, dirs: list[Path] | None = None) -> str:
    """A source's metadata (as TOML-like lines) and its text, paragraphs separated by blank lines.

    The path is the source file in ``dirs``, the corpus directories of this installation: a cached index
    is keyed by content, so it may have been built by another installation whose paths it recorded."""
    index = find_source(corpus, source_id)
    source = corpus.sources[index]
    meta = {key: value for key, value in source.metadata().items() if value not in (None, "", [])}
    if "path" in meta and dirs is not None:
        here = local_path(str(meta["path"]), dirs)
        if here is None:
            meta.pop("path")
            meta.pop("line", None)
        else:
            meta["path"] = here
    meta["chars"] = source_chars(corpus, index)
    header = "\n".join(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    text = corpus.source_text(index).replace("\n", "\n\n")
    return f"+++\n{header}\n+++\n{text}\n"


def local_path(recorded: str, dirs: list[Path]) -> str | None:
    """The file ``recorded`` (a path an index build saw) stands for among this installation's ``dirs``:
    itself when it lies in one of them, else the same relative path under one of them; None if neither."""
    path = Path(recorded)
    roots = [d.resolve() for d in dirs]
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path
    if path.is_file() and any(resolved == root or root in resolved.parents for root in roots):
        return str(path)
    parts = path.parts
    for root in roots:
        for start in range(1, len(parts)):  # the longest tail that exists under a directory of ours
            candidate = root.joinpath(*parts[start:])
            if candidate.is_file():
                return str(candidate)
    return None


def stats(corpus, index_path: Path | None = None, lang: str = "zh") -> str:
    """Sizes of the corpus and its index, sources by kind, the most frequent speakers."""
    arrays = corpus.arrays
    label = STATS_LABELS["en" if lang == "en" else "zh"]
    kinds: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    for source in corpus.sources:
        kinds[source.kind] += 1
        speakers[source.speaker or "—"] += 1
    rows = [(label["sources"], len(corpus.sources)), (label["chars"], corpus.chars), (label["norm"], len(arrays.norm)),
            (label["paragraphs"], len(arrays.para_orig))]
    rows.append((label["grams"].format(n=2), label["grams_value"].format(keys=len(arrays.pair_keys),
                                                                         postings=len(arrays.positions))))
    rows.append((label["fingerprint"], corpus.fingerprint))
    if index_path is not None and index_path.is_dir():
        size = sum(p.stat().st_size for p in index_path.iterdir() if p.is_file())
        rows.append((label["index"], label["index_value"].format(path=index_path, size=size / 1e6)))
    rows.append((label["kinds"], ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())))
    rows.append((label["speakers"], ", ".join(f"{name} {count}" for name, count in speakers.most_common(10))))
    from yinwen.cli.rule_docs import display_width

    width = max(display_width(name) for name, _ in rows) + 2
    return "".join(f"{name}{' ' * (width - display_width(name))}{value}\n" for name, value in rows)


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
        raise CommandError(error.args[0]) from None
    try:
        text, _ = decode(data, None)
    except DecodeError as error:
        raise CommandError(msg("add-not-text", path=file, detail=error)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\n+++" in "\n" + text:
        raise CommandError(msg("add-plus-line", path=file))
    if not text:
        raise CommandError(msg("add-no-text", path=file))
    if new.date and not DATE.match(new.date):
        raise CommandError(msg("add-bad-date", date=repr(new.date)))
    source_id = new.id or _slug(file.stem)
    if not re.match(r"^[\w\-.]+$", source_id):
        raise CommandError(msg("add-bad-id", id=repr(source_id)))
    fields = {"id": source_id, "title": new.title, "speaker": new.speaker, "date": new.date, "kind": new.kind,
              "origin": new.origin or f"added with yinwen corpus add from {file.name}", "licence": new.licence}
    front = "\n".join(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value)
    tomllib.loads(front)  # JSON strings are TOML basic strings; this guards the assumption
    # Paragraphs: blank-line separated already, else one paragraph per line.
    paragraphs = [p.strip() for p in (text.split("\n\n") if "\n\n" in text else text.split("\n")) if p.strip()]
    directory = user_corpus_dir()
    target = directory / f"{source_id}.txt"
    if target.exists() and not force:
        raise CommandError(msg("add-exists", path=target))
    _check_unique(source_id, target)
    from yinwen.safe_write import write_atomic

    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(target, f"+++\n{front}\n+++\n" .encode() + "\n\n".join(paragraphs).encode("utf-8") + b"\n")
    except OSError as error:
        raise CommandError(msg("add-cannot-write", path=directory, reason=os_reason(error))) from None
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
                raise CommandError(msg("add-id-taken", id=repr(source_id), path=path))


def _slug(stem: str) -> str:
    slug = re.sub(r"[^\w\-.]+", "-", stem).strip("-")
    return slug or "source"


@dataclass(frozen=True)
class Passage:
    source: Source
    similarity: float
    text: str  # the matched stretch
    paragraph: int
    sentence: str = ""  # the sentence (or sentences) it stands in
    at: int = 0  # where ``text`` starts within ``sentence``


# How much of a very long sentence to show either side of the match.
SENTENCE_REACH = 60


def search_passages(corpus, phrase: str, limit: int = 5) -> list[Passage]:
    """The best passages for ``phrase``, most similar first (the similarity the checker itself reports),
    each with the sentence of the source it stands in."""
    from yinwen.match.candidates import search
    from yinwen.text.normalize import normalize_text

    query = normalize_text(phrase)
    if not query:
        return []
    found = []
    for candidate in search(corpus, query, limit=max(limit, 6))[:limit]:
        start, end = corpus.orig_offset(candidate.start), corpus.orig_offset(candidate.end - 1) + 1
        sentence, at = _sentence_around(corpus, start, end)
        found.append(Passage(corpus.sources[candidate.source], candidate.alignment.similarity, corpus.orig_text(start, end),
                             corpus.paragraph_number(candidate.source, start), sentence, at))
    found.sort(key=lambda passage: -passage.similarity)
    return found


def _sentence_around(corpus, start: int, end: int) -> tuple[str, int]:
    """The sentence(s) of the paragraph holding [start, end), and where the match starts in it."""
    from yinwen.text.sentences import SENTENCE_END

    para_start, para_end = corpus.paragraph_bounds(start)
    paragraph = corpus.orig_text(para_start, max(para_end, end))
    a, b = start - para_start, end - para_start
    left, right = 0, len(paragraph)
    for stop in SENTENCE_END.finditer(paragraph):
        if stop.end() <= a:
            left = stop.end()
        elif stop.end() >= b:
            right = stop.end()
            break
    left, right = max(left, a - SENTENCE_REACH), min(right, b + SENTENCE_REACH)
    closed = "。！？；!?;”’」』"
    head = "…" if left > 0 and paragraph[left - 1] not in closed else ""
    tail = "…" if right < len(paragraph) and paragraph[right - 1] not in closed else ""
    stretch = paragraph[left:right]
    lead = len(stretch) - len(stretch.lstrip())
    return head + stretch.strip() + tail, len(head) + a - left - lead


def render_passages(passages: list[Passage], lang: str = "zh") -> str:
    """Each passage as its sentence with the match marked, then its citation."""
    if not passages:
        return msg("search-nothing").text(lang) + "\n"
    lines = []
    for rank, passage in enumerate(passages, start=1):
        source = passage.source
        where = f"第{passage.paragraph}段" if lang != "en" else f"paragraph {passage.paragraph}"
        who = "".join(part for part in (source.speaker or "", f"《{source.title}》") if part)
        shown = passage.sentence or passage.text
        at = passage.at if passage.sentence else 0
        marked = shown[:at] + "【" + shown[at:at + len(passage.text)] + "】" + shown[at + len(passage.text):]
        lines.append(f"{rank}. {passage.similarity:.0%}  {marked}")
        lines.append(f"   {who}，{source.date or ''}，{where}  [{source.id}]".replace("，，", "，"))
    return "\n".join(lines) + "\n"
