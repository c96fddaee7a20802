"""The table of fixed formulations (提法): data/formulations.toml plus the user's own files.

A formulation has a canonical name (四个意识), its members in order (政治意识、大局意识、核心意识、
看齐意识) and where it is set out (a corpus source id and the sentence that states it).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from yinwen.data_files import DataFileError, load_toml_file
from yinwen.messages import msg
from yinwen.resources import data_dir
from yinwen.text.normalize import normalize_text

NUMERALS = "一二三四五六七八九十两"


class FormulationError(ValueError):
    """A formulations file that cannot be used (bad TOML, missing name or members)."""


@dataclass(frozen=True)
class Formulation:
    name: str
    members: tuple[str, ...]
    source: str = ""
    set_out: str = ""
    sentence: str = ""
    date: str = ""
    variants: tuple[tuple[str, ...], ...] = ()

    @property
    def counted(self) -> tuple[str, str] | None:
        """(numeral, rest) for a counted name such as 两个确立 → ("两", "确立"); else None."""
        if len(self.name) >= 4 and self.name[0] in NUMERALS and self.name[1] == "个":
            return self.name[0], self.name[2:]
        return None

    def norm_members(self) -> tuple[str, ...]:
        return tuple(normalize_text(member) for member in self.members)


def _parse(data: dict, origin: str) -> list[Formulation]:
    entries = data.get("formulation", [])
    if not isinstance(entries, list):
        raise FormulationError(msg("formulations-no-entries", path=origin))
    found = []
    for number, entry in enumerate(entries, 1):
        name = entry.get("name") if isinstance(entry, dict) else None
        members = entry.get("members") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name or not isinstance(members, list) or len(members) < 2 \
                or not all(isinstance(m, str) and m for m in members):
            raise FormulationError(msg("formulations-bad-entry", path=origin, number=number))
        variants = entry.get("variants", [])
        if not isinstance(variants, list) or not all(isinstance(v, list) and all(isinstance(m, str) for m in v)
                                                     for v in variants):
            raise FormulationError(msg("formulations-bad-variants", path=origin, number=number))
        variants = tuple(tuple(v) for v in variants)
        found.append(Formulation(name, tuple(members), str(entry.get("source", "")), str(entry.get("set_out", "")),
                                 str(entry.get("sentence", "")), str(entry.get("date", "")), variants))
    return found


@cache
def load_formulations(extra: tuple[Path, ...] = ()) -> tuple[Formulation, ...]:
    """The bundled table, then each user file; a user entry with a bundled name replaces it."""
    table: dict[str, Formulation] = {}
    with (data_dir() / "formulations.toml").open("rb") as handle:
        for formulation in _parse(tomllib.load(handle), "data/formulations.toml"):
            table[formulation.name] = formulation
    for path in extra:
        try:
            data = load_toml_file(Path(path))
        except DataFileError as error:
            raise FormulationError(error.args[0]) from None
        for formulation in _parse(data, str(path)):
            table[formulation.name] = formulation
    return tuple(table.values())
