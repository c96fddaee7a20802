"""Edition variants: lines the standard editions print in two forms (黄河远上白云间 / 黄沙直上白云间).

A proofreader accepts either reading of a recognised variant, so a quotation that differs from its
passage only by a pair listed in data/variants-editions.toml is verified, and a YW106 note names the other
reading and where it is recorded. An unlisted change is still a misquote.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from yinwen.corpus.store import Corpus
from yinwen.data_files import DataFileError, load_toml_file
from yinwen.match.records import PartMatch
from yinwen.resources import load_toml
from yinwen.text.normalize import normalize_text


@dataclass(frozen=True)
class EditionVariant:
    """Two documented readings of one line, as the corpus prints it and as another edition does."""

    work: str
    author: str
    corpus_reading: str
    other_reading: str
    reference: str

    def readings(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """(normalised reading in the quote, the one in the source), both ways round."""
        a, b = normalize_text(self.other_reading), normalize_text(self.corpus_reading)
        return (a, b), (b, a)


class EditionsError(Exception):
    """A user's table of edition variants that cannot be used; the message names the file and entry."""


# Files of the user's own variants (config `editions`, --editions), for the run under way.
_USER_FILES: ContextVar[tuple[Path, ...]] = ContextVar("yinwen_edition_files", default=())


@contextmanager
def editions_from(paths: tuple[Path, ...]) -> Iterator[None]:
    """Use the bundled table plus ``paths`` while checking (the engine wraps each document in this)."""
    token = _USER_FILES.set(tuple(paths))
    try:
        yield
    finally:
        _USER_FILES.reset(token)


@cache
def load_editions(extra: tuple[Path, ...] = ()) -> tuple[EditionVariant, ...]:
    """The bundled table (data/variants-editions.toml), then each user file with the same [[variant]] shape.
    Raises EditionsError for a user file that cannot be read or has an entry without both readings."""
    found = list(_entries(load_toml("variants-editions.toml"), "data/variants-editions.toml"))
    for path in extra:
        try:
            data = load_toml_file(Path(path))
        except DataFileError as error:
            raise EditionsError(error.args[0]) from None
        found += _entries(data, str(path))
    return tuple(found)


def _entries(data: dict, where: str) -> list[EditionVariant]:
    entries = data.get("variant", [])
    if not isinstance(entries, list):
        raise EditionsError(f"{where}: [[variant]] entries expected")
    found = []
    for number, entry in enumerate(entries, 1):
        readings = [entry.get(key) if isinstance(entry, dict) else None for key in ("corpus", "variant")]
        if not all(isinstance(reading, str) and normalize_text(reading) for reading in readings):
            raise EditionsError(f"{where}: variant {number} needs both readings as text (corpus = …, variant = …)")
        found.append(EditionVariant(str(entry.get("work", "")), str(entry.get("author", "")), entry["corpus"],
                                    entry["variant"], str(entry.get("reference", ""))))
    return found


def edition_reading(part: PartMatch, corpus: Corpus) -> tuple[EditionVariant, str, str] | None:
    """The listed variant that accounts for every difference between the quote and its passage, with the
    quote's reading and the source's; None when some difference is not a listed variant. The quote may
    hold more or less than the listed line (天将降大任于斯人也 for 故天将降大任于是人也): the differing
    characters must stand in the quote with at least ``CONTEXT`` characters of the line around them."""
    candidate = part.candidate
    if candidate is None:
        return None
    quote = part.normalized.text
    around = corpus.norm_text(max(0, candidate.start - len(quote)), candidate.end + len(quote))
    for variant, mine, theirs, substituted in edition_substitutions(quote):
        if substituted in around:
            return variant, mine, theirs
    return None


def edition_substitutions(quote: str) -> list[tuple[EditionVariant, str, str, str]]:
    """Every listed reading the normalised quote holds, with the quote as the other edition would read it:
    (variant, the quote's reading, the other reading, the substituted quote)."""
    found = []
    applicable = []
    for reading in _readings(_USER_FILES.get()):
        if reading.core in quote:  # most quotes hold no listed reading: one substring test each
            substituted = reading.substituted(quote)
            if substituted is not None:
                found.append((reading.variant, reading.mine, reading.theirs, substituted))
                applicable.append(reading)
    if len(applicable) > 1:
        # Two listed readings in one quote (李益's 回乐烽前沙似雪，受降城外月如霜: 烽 and 外): the other
        # edition reads them both.
        combined, applied = quote, []
        for reading in applicable:
            substituted = reading.substituted(combined)
            if substituted is not None:
                combined, applied = substituted, [*applied, reading]
        if len(applied) > 1:
            found.append((applied[0].variant, "”、“".join(r.mine for r in applied), "”、“".join(r.theirs for r in applied),
                          combined))
    return found


CONTEXT = 3


@dataclass(frozen=True)
class _Reading:
    """One direction of a variant pair, with the differing core worked out once."""

    variant: EditionVariant
    mine: str
    theirs: str
    prefix: int  # characters the two readings share before the core
    suffix: int  # and after it
    core: str
    replacement: str

    @classmethod
    def of(cls, variant: EditionVariant, mine: str, theirs: str) -> _Reading:
        prefix = 0
        while prefix < min(len(mine), len(theirs)) and mine[prefix] == theirs[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(mine), len(theirs)) - prefix and mine[-1 - suffix] == theirs[-1 - suffix]:
            suffix += 1
        return cls(variant, mine, theirs, prefix, suffix, mine[prefix:len(mine) - suffix],
                   theirs[prefix:len(theirs) - suffix])

    def substituted(self, quote: str) -> str | None:
        """``quote`` with the core replaced, where the quote holds it with enough of the line around it."""
        mine, prefix, suffix = self.mine, self.prefix, self.suffix
        start = quote.find(self.core)
        while start >= 0:
            end = start + len(self.core)
            left = min(prefix, start)
            right = min(suffix, len(quote) - end)
            whole = left == prefix and right == suffix  # the quote holds the whole listed reading
            if (left + right >= CONTEXT or whole) and quote[start - left:start] == mine[prefix - left:prefix] \
                    and quote[end:end + right] == mine[len(mine) - suffix:len(mine) - suffix + right]:
                return quote[:start] + self.replacement + quote[end:]
            start = quote.find(self.core, start + 1)
        return None


@cache
def _readings(extra: tuple[Path, ...]) -> tuple[_Reading, ...]:
    readings = []
    for variant in load_editions(extra):
        for mine, theirs in variant.readings():
            reading = _Reading.of(variant, mine, theirs)
            if mine and mine != theirs and reading.core:
                readings.append(reading)
    return tuple(readings)
