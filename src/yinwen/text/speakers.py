"""Who can be named as a speaker: every name a draft may use for a person, mapped to one canonical name.

Two data files feed it: data/aliases.toml (leaders, the Party's collective bodies, honorifics such as
总书记) and data/authors.toml (every author of the classics corpus with the 字, 号 and titles drafts use:
杜工部, 苏东坡, 孟轲). Names of one person are merged even when the files spell the canonical form
differently (庄子 in one, 庄周 in the other), so a quote credited to either resolves to the same person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from yinwen.resources import load_toml


@dataclass(frozen=True)
class SpeakerTable:
    canonical: dict[str, str]  # every known name -> the person's canonical name
    names: tuple[str, ...]  # every known name, longest first (for finding names in a cue)
    works: tuple[tuple[str, str, str, str | None], ...]  # (alias, work id, canonical title, speaker), longest first
    classical: tuple[str, ...]  # cues that say the words are old (古人云), longest first
    folk: frozenset[str]  # those of them that only say the words are a folk saying (俗话说)
    compatible: dict[str, tuple[str, ...]]  # a leader -> collective bodies whose documents count as his words
    classical_authors: frozenset[str]  # canonical names of the classics corpus's authors (data/authors.toml)
    by_initial: dict[str, tuple[str, ...]]  # first character -> names of two or more characters, longest first
    work_names: dict[str, str]  # a classic's other titles -> the name the corpus files it under (老子 -> 道德经)

    def resolve(self, name: str) -> str:
        """The canonical name of a person (an unknown name stands for itself)."""
        return self.canonical.get(name, name)

    def names_in(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name in ``text``, left to right, longest first where names overlap
        (孟子曰 is 孟子, not 子曰). One-character names (truncated authors in the corpus data) are ignored."""
        # A scan by first character: what one alternation of 5,000 names found, without the 20 ms of
        # compiling it in every process.
        found = []
        index = 0
        while index < len(text):
            name = self.name_at(text, index)
            if name is None:
                index += 1
                continue
            found.append((index, index + len(name), name))
            index += len(name)
        return found

    def name_at(self, text: str, index: int = 0) -> str | None:
        """The longest name that starts at ``index``."""
        if index >= len(text):
            return None
        return next((name for name in self.by_initial.get(text[index], ()) if text.startswith(name, index)), None)


class _Groups:
    """Union-find over names: every name ends up in the group of the person it names."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.preferred: dict[str, int] = {}  # how strongly a name wants to be the group's canonical form

    def add(self, name: str, rank: int) -> None:
        self.parent.setdefault(name, name)
        self.preferred[name] = max(self.preferred.get(name, 0), rank)

    def find(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        keep, drop = (root_a, root_b) if self.preferred[root_a] >= self.preferred[root_b] else (root_b, root_a)
        self.parent[drop] = keep


# A canonical name from aliases.toml wins over one from authors.toml (the corpus's spelling of a
# classical author), and both win over an alias.
ALIAS_KEY, AUTHOR_NAME, OTHER_NAME = 3, 2, 1


@cache
def speaker_table() -> SpeakerTable:
    aliases = load_toml("aliases.toml")
    authors = load_toml("authors.toml")
    groups = _Groups()
    for canonical, names in aliases.get("speakers", {}).items():
        groups.add(canonical, ALIAS_KEY)
        for name in names:
            groups.add(name, OTHER_NAME)
            groups.union(canonical, name)
    for author in authors.get("author", []):
        name = author["name"]
        groups.add(name, AUTHOR_NAME)
        for other in [*author.get("names", []), *author.get("same_person", []), author.get("traditional")]:
            if other:
                groups.add(other, OTHER_NAME)
                groups.union(name, other)
    canonical = {name: groups.find(name) for name in groups.parent}
    classical_authors = frozenset(canonical[author["name"]] for author in authors.get("author", []))
    by_initial: dict[str, list[str]] = {}
    for name in sorted(canonical, key=lambda name: (-len(name), name)):
        if len(name) > 1:
            by_initial.setdefault(name[0], []).append(name)
    works = []
    for work in aliases.get("works", []):
        for alias in work["names"]:
            works.append((alias, work["id"], work["title"], work.get("speaker")))
    folk = aliases.get("classical", {}).get("folk", [])
    cues = [*aliases.get("classical", {}).get("cues", []), *folk]
    compatible = {leader: tuple(bodies) for leader, bodies in aliases.get("compatible", {}).items()}
    return SpeakerTable(
        canonical=canonical,
        names=tuple(sorted(canonical, key=lambda name: (-len(name), name))),
        works=tuple(sorted(works, key=lambda item: -len(item[0]))),
        classical=tuple(sorted(cues, key=len, reverse=True)),
        folk=frozenset(folk),
        compatible=compatible,
        classical_authors=classical_authors,
        by_initial={initial: tuple(names) for initial, names in by_initial.items()},
        work_names={name: work["name"] for work in authors.get("work", []) for name in work.get("names", [])},
    )


def resolve_speaker(name: str) -> str:
    """Canonical speaker for a name in the corpus, a draft or a config (unknown names map to themselves)."""
    return speaker_table().resolve(name)


def names_of(person: str) -> list[str]:
    """Every name the table knows for ``person`` (its canonical form included)."""
    table = speaker_table()
    target = table.resolve(person)
    return [name for name, canonical in table.canonical.items() if canonical == target]


def canonical_work(title: str) -> str:
    """The title under which the corpus holds a classic a draft names otherwise (《南华经》 is 庄子)."""
    return speaker_table().work_names.get(title, title)
