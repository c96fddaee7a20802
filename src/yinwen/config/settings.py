"""The effective settings of one run: what the CLI flags and config files decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yinwen.diagnostics import INPUT_PROBLEMS, Severity
from yinwen.formats.load import RICH_SUFFIXES  # read by yinwen.formats (text extracted, locations kept)
from yinwen.match.thresholds import Thresholds

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_MAX_BYTES = 1024 * 1024 * 1024  # --max-size / max-size: a draft of a gigabyte is not a draft
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass(frozen=True)
class Settings:
    corpus: tuple[Path, ...] = ()  # empty: the bundled corpus
    extend_corpus: tuple[Path, ...] = ()
    cache_dir: Path | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    select: frozenset[str] | None = None  # codes; None = all
    ignore: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    thresholds: Thresholds = field(default_factory=Thresholds)
    fail_on: Severity = Severity.ERROR
    lang: str = "zh"
    # From config files (config.py): which files, per-file ignores, baseline.
    include: tuple[str, ...] = ()  # globs; empty = every text file found
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False  # apply exclude to files named on the command line too
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    root: Path | None = None  # globs are relative to this (the config file's directory)
    baseline: Path | None = None
    config_path: Path | None = None
    suffixes: tuple[str, ...] = TEXT_SUFFIXES + RICH_SUFFIXES
    formulations: tuple[Path, ...] = ()  # user files extending data/formulations.toml
    editions: tuple[Path, ...] = ()  # user files extending data/variants-editions.toml

    def corpus_dirs(self) -> list[Path]:
        from yinwen.corpus.user import user_corpus_if_any
        from yinwen.resources import bundled_corpus_dir

        # Sources added with `yinwen corpus add` extend the bundled corpus; --corpus replaces both.
        base = list(self.corpus) if self.corpus else [bundled_corpus_dir(), *user_corpus_if_any()]
        return base + list(self.extend_corpus)

    def enabled(self, code: str) -> bool:
        """Whether findings of ``code`` are reported. An input problem is reported whatever --select
        says: only naming it in ignore (or per-file-ignores, or severity off) silences it."""
        if code in self.ignore:
            return False
        return self.select is None or code in self.select or code in INPUT_PROBLEMS
