"""Where the bundled data lives, and loaders for the small data files (read once per process)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


def data_dir() -> Path:
    """The bundled ``data/`` directory: inside the installed package, or the repo's in a checkout."""
    packaged = Path(__file__).with_name("data")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def bundled_corpus_dir() -> Path:
    return data_dir() / "corpus"


@cache
def load_variants() -> dict[str, str]:
    """Traditional and variant characters mapped to their simplified form (data/variants.tsv)."""
    table: dict[str, str] = {}
    for line in (data_dir() / "variants.tsv").read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        original, _, simple = line.partition("\t")
        if len(original) == 1 and len(simple) == 1:
            table[original] = simple
    return table


@cache
def load_toml(name: str) -> dict:
    """A TOML file from data/, parsed as data only."""
    with (data_dir() / name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def load_word_list(name: str) -> frozenset[str]:
    """A word list from data/: one entry per line, '#' starts a comment."""
    words = set()
    for line in (data_dir() / name).read_text(encoding="utf-8").split("\n"):
        entry = line.split("#", 1)[0].strip()
        if entry:
            words.add(entry)
    return frozenset(words)
