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


def _names(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeatable, comma-separated rule lists: --select YW101,YW102 --select misquote."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATHS...", help="Files, directories (searched for .txt/.md/.docx/.pdf), or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json, sarif, github, rdjson, html")] = "text",
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directory (replaces the bundled one; repeatable).")] = None,
    extend_corpus: Annotated[list[Path] | None, typer.Option("--extend-corpus", help="Corpus directory added to the bundled one.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an encoding instead of BOM/UTF-8/GB18030.")] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="Lowest severity for exit 1 (default: error).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Message language: zh or en.")] = None,
    max_size: Annotated[int | None, typer.Option("--max-size", help="Skip larger files, in bytes (YW003; default 10 MiB).")] = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text output (default: when a terminal).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of internal errors.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings are reported.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="Use this config file instead of searching for one.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")] = False,
    select: Annotated[list[str] | None, typer.Option("--select", help="Only these rules (codes, names, prefixes).")] = None,
    extend_select: Annotated[list[str] | None, typer.Option("--extend-select", help="Add these rules to the selection.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rules.")] = None,
    force_exclude: Annotated[bool | None, typer.Option("--force-exclude/--no-force-exclude", help="Exclude named files too.")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Report only findings not recorded in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", help="Record current findings here and exit.")] = None,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar (shown only for text on a terminal).")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite .txt/.md misquotes to the source wording where unambiguous.")] = False,
    annotate: Annotated[Path | None, typer.Option("--annotate", help="Write a copy of the .docx with a comment on each finding.")] = None,
    html_report: Annotated[Path | None, typer.Option("--html-report", help="Also write the HTML report to this file.")] = None,
    formulations: Annotated[list[Path] | None, typer.Option(
        "--formulations", help="TOML file of fixed formulations added to the bundled table (YW301; repeatable).")] = None,
    reuse_report: Annotated[bool, typer.Option(
        "--reuse-report", help="Print per file the share of text found verbatim in the corpus and the top sources.")] = False,
    repeat_min_chars: Annotated[int | None, typer.Option(
        "--repeat-min-chars", help="Shortest repeated sentence reported (YW202), in characters.")] = None,
    reuse_min_chars: Annotated[int | None, typer.Option(
        "--reuse-min-chars", help="Shortest verbatim run reported (YW203), in characters.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for many files (0: one per core).")] = 1,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Where the corpus index is cached.")] = None,
) -> None:
    """Check every quotation in PATHS against the corpus."""
    from yinwen.config.baseline import BaselineError, apply_baseline, load_baseline
    from yinwen.config.baseline import write_baseline as write_baseline_file
    from yinwen.config.files import ConfigError, Overrides, settings_for
    from yinwen.corpus.sources import CorpusError
    from yinwen.progress import Bar, wanted
    from yinwen.report import RenderOptions, formatter
    from yinwen.runner import check_paths

    if output_format not in _format_names():
        _fail(f"unknown format {output_format!r} (choose from {', '.join(_format_names())})")
    if lang is not None and lang not in ("zh", "en"):
        _fail(f"unknown language {lang!r} (use zh or en)")
    overrides = Overrides(
        corpus=tuple(corpus) if corpus else None,
        extend_corpus=tuple(extend_corpus or ()),
        encoding=encoding,
        max_bytes=max_size,
        fail_on=fail_on.value if fail_on else None,
        lang=lang,
        default_lang=_default_lang(),
        select=_names(select),
        extend_select=_names(extend_select) or (),
        ignore=_names(ignore) or (),
        force_exclude=force_exclude,
        baseline=baseline,
        formulations=tuple(formulations) if formulations else None,
        repeat_min_chars=repeat_min_chars,
        reuse_min_chars=reuse_min_chars,
        cache_dir=cache_dir,
    )
    try:
        settings = settings_for(paths, overrides, config_path=config, isolated=isolated)
        accepted = load_baseline(settings.baseline) if settings.baseline and not write_baseline else None
    except (ConfigError, BaselineError) as error:
        _fail(f"config error: {error}")
    _check_formulations(settings)
    language = settings.lang
    try:
        if jobs != 1:
            from yinwen.parallel import check_paths_parallel

            report = check_paths_parallel(paths, settings, jobs)
        else:
            with Bar() as bar:
                report = check_paths(paths, settings, progress=bar if wanted(output_format, enabled=not no_progress) else None)
    except CorpusError as error:
        _fail(f"corpus error: {error}")
    if fix or annotate or html_report:
        report = _write_outputs(paths, settings, report, fix, annotate, html_report, RenderOptions(lang=language))
    if write_baseline is not None:
        try:
            count = write_baseline_file(report, write_baseline)
        except OSError as error:
            _fail(f"cannot write baseline {write_baseline}: {error.strerror or error}")
        typer.echo(f"yinwen: recorded {count} finding(s) in {write_baseline}", err=True)
        raise typer.Exit(code=2 if report.usage_errors or report.has_internal_error() else 0)
    if accepted is not None:
        known = apply_baseline(report, accepted, settings.baseline.parent)
        if known and output_format == "text":
            typer.echo(f"yinwen: {known} finding(s) accepted by the baseline not shown", err=True)
    use_color = color if color is not None else (output_format == "text" and sys.stdout.isatty())
    rendered = formatter(output_format)(report, RenderOptions(lang=language, color=use_color, verbose=verbose))
    sys.stdout.buffer.write(rendered.encode("utf-8"))
    sys.stdout.flush()
    if reuse_report:
        _print_reuse_report(report, settings, to_stderr=output_format != "text")
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


@app.command("config")
def config_show(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATHS...]", help="The paths you would check (the config is found from them).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this config file instead of searching for one.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")] = False,
) -> None:
    """Print the effective configuration (defaults, then the config file found) as TOML."""
    from yinwen.config.files import ConfigError, Overrides, settings_for
    from yinwen.config_view import render_settings

    try:
        settings = settings_for(paths or ["."], Overrides(default_lang=_default_lang()), config_path=config, isolated=isolated)
    except ConfigError as error:
        _fail(f"config error: {error}")
    sys.stdout.buffer.write(render_settings(settings).encode("utf-8"))


def _write_outputs(paths, settings, report, fix: bool, annotate: Path | None, html_report: Path | None, options):
    """--annotate, --fix and --html-report; returns the report to print (re-checked after fixes)."""
    from yinwen.outputs import OutputError, fix_files, write_html
    from yinwen.outputs import annotate as annotate_copy
    from yinwen.runner import check_paths, open_settings_corpus

    corpus = open_settings_corpus(settings)
    messages = []
    try:
        if annotate is not None:
            messages += annotate_copy(report, annotate, settings, corpus, fix)
        if fix:
            fixed = fix_files(report, settings, corpus, annotating=annotate is not None)
            messages += fixed
            if any(Path(f.path).suffix.lower() != ".docx" for f in report.files):
                report = check_paths(paths, settings, corpus=corpus)
        if html_report is not None:
            messages += write_html(report, html_report, options)
    except OutputError as error:
        _fail(str(error))
    for message in messages:
        typer.echo(f"yinwen: {message}", err=True)
    return report
def _check_formulations(settings) -> None:
    from yinwen.rules.formulation_table import FormulationError, load_formulations

    try:
        load_formulations(settings.formulations)
    except FormulationError as error:
        _fail(f"formulations: {error}")


def _print_reuse_report(report, settings, to_stderr: bool) -> None:
    from yinwen.report.reuse_summary import render_reuse
    from yinwen.runner import open_settings_corpus

    text = render_reuse(report, open_settings_corpus(settings), settings, settings.lang)
    stream = sys.stderr if to_stderr else sys.stdout
    stream.buffer.write(text.encode("utf-8"))
    stream.flush()


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

    from yinwen.cachedir import cache_root
    from yinwen.corpus.progress import stage_progress
    from yinwen.corpus.store import index_dir, verify_index

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
    from yinwen.text import wordseg

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
    from yinwen.cachedir import cache_root
    from yinwen.corpus.commands import stats
    from yinwen.corpus.store import index_dir

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


@app.command("cite")
def cite(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS...", help="Drafts (.txt/.md/.docx/.pdf), directories, or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directory (replaces the bundled one).")] = None,
    extend_corpus: Annotated[list[Path] | None, typer.Option("--extend-corpus", help="Corpus directory added to the bundled one.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an encoding instead of BOM/UTF-8/GB18030.")] = None,
) -> None:
    """Print the source of every verified quotation in customary Chinese citation form (注释)."""
    from yinwen.config.settings import Settings
    from yinwen.corpus.sources import CorpusError
    from yinwen.report.cite import citations, render_json, render_text
    from yinwen.runner import check_paths, open_settings_corpus

    if output_format not in ("text", "json"):
        _fail(f"unknown format {output_format!r} (choose from text, json)")
    settings = Settings(corpus=tuple(corpus or ()), extend_corpus=tuple(extend_corpus or ()), encoding=encoding)
    try:
        opened = open_settings_corpus(settings)
        report = check_paths(paths, settings, corpus=opened)
    except CorpusError as error:
        _fail(f"corpus error: {error}")
    found = citations(report, opened)
    rendered = render_json(found) if output_format == "json" else render_text(found)
    sys.stdout.buffer.write(rendered.encode("utf-8"))
    sys.stdout.flush()
    for message in report.usage_errors:
        typer.echo(f"yinwen: {message}", err=True)
    for file in report.files:
        for diagnostic in file.diagnostics:
            if diagnostic.code.startswith("YW0"):
                typer.echo(f"yinwen: {file.path}: {diagnostic.code} {diagnostic.message_en or diagnostic.message}", err=True)
    raise typer.Exit(code=2 if report.usage_errors or report.has_internal_error() else 0)


@app.command("rules")
def rules_list(
    lang: Annotated[str | None, typer.Option("--lang", help="zh or en.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every rule with its documentation, as JSON.")] = False,
) -> None:
    """List every rule: code, name, default severity, summary."""
    from yinwen.rule_docs import rules_json, rules_table

    text = rules_json() if as_json else rules_table(lang or _default_lang())
    sys.stdout.buffer.write(text.encode("utf-8"))


@app.command("rule")
def rule_doc(
    code: Annotated[str, typer.Argument(help="Rule code (YW101) or name (misquote).")],
    lang: Annotated[str | None, typer.Option("--lang", help="zh or en.")] = None,
) -> None:
    """Print a rule's documentation with its bad and good examples."""
    from yinwen.rule_docs import rule_page
    from yinwen.rules import resolve_rule

    rule = resolve_rule(code)
    if rule is None:
        _fail(f"unknown rule {code!r}; see `yinwen rules`")
    sys.stdout.buffer.write(rule_page(rule, lang or _default_lang()).encode("utf-8"))


def main() -> None:
    app()
