"""Command line: wires arguments to the engine and picks a formatter. No logic of its own."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from yinwen import __version__

app = typer.Typer(
    name="yinwen",
    help="引文 yinwen: check quotations in Chinese documents against a reference corpus.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
corpus_app = typer.Typer(help="Build, list and search the reference corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _format_names() -> list[str]:
    from yinwen.report import FORMATS

    return list(FORMATS)


def _default_lang() -> str:
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "zh"


def _fail(message: str) -> None:
    typer.echo(f"yinwen: {message}", err=True)
    raise typer.Exit(code=2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"yinwen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """引文 yinwen."""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (searched for .txt/.md), or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json, …")] = "text",
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directory (replaces the bundled one; repeatable).")] = None,
    extend_corpus: Annotated[list[Path] | None, typer.Option("--extend-corpus", help="Corpus directory added to the bundled one.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an encoding instead of BOM/UTF-8/GB18030.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = FailOn.error,
    lang: Annotated[str | None, typer.Option("--lang", help="Message language: zh or en.")] = None,
    max_size: Annotated[int, typer.Option("--max-size", help="Skip files larger than this many bytes (YW003).")] = 10 * 1024 * 1024,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text output (default: when a terminal).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of internal errors.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings are reported.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for many files (0: one per core).")] = 1,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Where the corpus index is cached.")] = None,
) -> None:
    """Check every quotation in PATHS against the corpus."""
    from yinwen.corpus.sources import CorpusError
    from yinwen.diagnostics import Severity
    from yinwen.report import RenderOptions, formatter
    from yinwen.runner import check_paths
    from yinwen.settings import Settings

    if output_format not in _format_names():
        _fail(f"unknown format {output_format!r} (choose from {', '.join(_format_names())})")
    language = lang or _default_lang()
    if language not in ("zh", "en"):
        _fail(f"unknown language {language!r} (use zh or en)")
    settings = Settings(
        corpus=tuple(corpus or ()),
        extend_corpus=tuple(extend_corpus or ()),
        encoding=encoding,
        max_bytes=max_size,
        fail_on=Severity.parse(fail_on.value),
        lang=language,
        cache_dir=cache_dir,
    )
    try:
        if jobs != 1:
            from yinwen.parallel import check_paths_parallel

            report = check_paths_parallel(paths, settings, jobs)
        else:
            report = check_paths(paths, settings)
    except CorpusError as error:
        _fail(f"corpus error: {error}")
    use_color = color if color is not None else (output_format == "text" and sys.stdout.isatty())
    rendered = formatter(output_format)(report, RenderOptions(lang=language, color=use_color, verbose=verbose))
    sys.stdout.buffer.write(rendered.encode("utf-8"))
    sys.stdout.flush()
    for message in report.usage_errors:
        typer.echo(f"yinwen: {message}", err=True)
    if verbose:
        for diagnostic in report.all_diagnostics():
            if "traceback" in diagnostic.details:
                typer.echo(diagnostic.details["traceback"], err=True)
    code = report.exit_code(settings.fail_on)
    if exit_zero and code == 1:
        code = 0
    raise typer.Exit(code=code)


CorpusDirs = Annotated[list[Path] | None, typer.Argument(help="Corpus directories (default: bundled + user corpus).")]
CacheDir = Annotated[Path | None, typer.Option("--cache-dir", help="Where the corpus index is cached.")]


def _open_corpus(dirs: list[Path] | None, cache_dir: Path | None, rebuild: bool = False, progress=None):
    from yinwen.corpus.commands import open_for_command
    from yinwen.corpus.sources import CorpusError

    try:
        return open_for_command(dirs, cache_dir, rebuild=rebuild, progress=progress)
    except CorpusError as error:
        _fail(f"corpus error: {error}")


def _out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


@corpus_app.command("build")
def corpus_build(
    dirs: CorpusDirs = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild even when a valid cached index exists.")] = False,
    verify: Annotated[bool, typer.Option("--verify/--no-verify", help="Re-hash the cached index files.")] = True,
    cache_dir: CacheDir = None,
) -> None:
    """Build (and cache) the index of a corpus; a progress display on a terminal."""
    import time

    from yinwen.corpus.progress import stage_progress
    from yinwen.corpus.store import cache_root, index_dir, verify_index

    started = time.perf_counter()
    with stage_progress(sys.stderr.isatty()) as progress:
        corpus = _open_corpus(dirs, cache_dir, rebuild=rebuild, progress=progress)
    directory = index_dir(cache_root(cache_dir), corpus.fingerprint)
    if verify and directory.is_dir():
        problems = verify_index(directory)
        if problems:
            typer.echo(f"yinwen: cached index failed verification ({'; '.join(problems)}); rebuilding", err=True)
            corpus = _open_corpus(dirs, cache_dir, rebuild=True)
    _prepare_segmenter()
    typer.echo(f"{len(corpus.sources)} sources, {corpus.chars} characters, "
               f"fingerprint {corpus.fingerprint[:16]}, {time.perf_counter() - started:.2f} s, index {directory}", err=True)


def _prepare_segmenter() -> None:
    """Convert jieba's dictionary for the stutter rule now, so the first check does not pay for it."""
    from yinwen import wordseg

    try:
        wordseg.lexicon()
    except (ImportError, OSError, ValueError) as error:
        typer.echo(f"yinwen: word segmentation will fall back to rjieba/jieba: {error}", err=True)


@corpus_app.command("list")
def corpus_list(
    dirs: CorpusDirs = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of tab-separated text.")] = False,
    cache_dir: CacheDir = None,
) -> None:
    """List the sources: id, title, speaker/author, date, characters, origin."""
    from yinwen.corpus.commands import list_sources

    _out(list_sources(_open_corpus(dirs, cache_dir), as_json))


@corpus_app.command("show")
def corpus_show(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="Source id (see `yinwen corpus list`).")],
    dirs: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directories (default: bundled + user).")] = None,
    cache_dir: CacheDir = None,
) -> None:
    """Show one source: its metadata and its text."""
    from yinwen.corpus.commands import CommandError, show_source

    try:
        _out(show_source(_open_corpus(dirs, cache_dir), source_id))
    except CommandError as error:
        _fail(str(error))


@corpus_app.command("stats")
def corpus_stats(dirs: CorpusDirs = None, cache_dir: CacheDir = None) -> None:
    """Corpus and index sizes, sources by kind, the most frequent speakers."""
    from yinwen.corpus.commands import stats
    from yinwen.corpus.store import cache_root, index_dir

    corpus = _open_corpus(dirs, cache_dir)
    _out(stats(corpus, index_dir(cache_root(cache_dir), corpus.fingerprint)))


@corpus_app.command("add")
def corpus_add(
    file: Annotated[Path, typer.Argument(help="A text file (UTF-8 or GB18030) with the source's text.")],
    title: Annotated[str, typer.Option("--title", help="Title of the source.")],
    speaker: Annotated[str | None, typer.Option("--speaker", "--author", help="Speaker or author.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date, YYYY-MM-DD.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="speech, report, classic, poem, law or other.")] = "other",
    source_id: Annotated[str | None, typer.Option("--id", help="Source id (default: from the file name).")] = None,
    origin: Annotated[str, typer.Option("--origin", help="Where the text was taken from.")] = "",
    licence: Annotated[str, typer.Option("--licence", help="Terms the text may be used under.")] = "",
    force: Annotated[bool, typer.Option("--force", help="Replace a source with the same id.")] = False,
) -> None:
    """Add a text to your user corpus (checked from then on with the bundled one)."""
    from yinwen.corpus.commands import CommandError, NewSource, add_source
    from yinwen.corpus.sources import CorpusError

    try:
        written = add_source(file, NewSource(title, speaker, date, kind, source_id, origin, licence), force=force)
    except (CommandError, CorpusError) as error:
        _fail(str(error))
    typer.echo(f"added {written}", err=True)


@corpus_app.command("search")
def corpus_search(
    text: Annotated[str, typer.Argument(help="A phrase or sentence to look up.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=50, help="How many passages.")] = 5,
    dirs: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directories (default: bundled + user).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="zh or en.")] = None,
    cache_dir: CacheDir = None,
) -> None:
    """The best passages for a phrase, with their similarity and citation."""
    from yinwen.corpus.commands import render_passages, search_passages

    passages = search_passages(_open_corpus(dirs, cache_dir), text, limit)
    _out(render_passages(passages, lang or _default_lang()))


@app.command("rules")
def rules_list() -> None:
    """List every rule: code, name, default severity, summary."""
    from yinwen.rules import registry

    for code, rule in registry().items():
        typer.echo(f"{code}  {rule.name:<22} {rule.severity.label:<8} {rule.summary}")


@app.command("rule")
def rule_doc(code: Annotated[str, typer.Argument(help="Rule code (YW101) or name (misquote).")]) -> None:
    """Print a rule's documentation with its bad and good examples."""
    from yinwen.rules import resolve_rule

    rule = resolve_rule(code)
    if rule is None:
        _fail(f"unknown rule {code!r}; see `yinwen rules`")
    typer.echo(f"{rule.code} {rule.name} ({rule.severity.label})\n\n{rule.doc()}")


def main() -> None:
    app()
