"""``yinwen corpus …``: build, list, show, stats, add and search the reference corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yinwen.cli.common import drafts_settings, fail, format_option, out, say, start
from yinwen.messages import current_lang, msg

corpus_app = typer.Typer(help="Build, list and search the reference corpus.", no_args_is_help=True, rich_markup_mode=None)

CorpusDirs = Annotated[list[Path] | None, typer.Argument(help="Corpus directories (default: bundled + user corpus).")]
CacheDir = Annotated[Path | None, typer.Option("--cache-dir", help="Where the corpus index is cached.")]
Lang = Annotated[str | None, typer.Option("--lang", help="Message language: zh or en.")]


def _open_corpus(dirs: list[Path] | None, cache_dir: Path | None, rebuild: bool = False, progress=None):
    from yinwen.cachedir import use_cache_root
    from yinwen.cli.corpus_views import open_for_command
    from yinwen.corpus.sources import CorpusError

    use_cache_root(cache_dir)
    try:
        return open_for_command(dirs, cache_dir, rebuild=rebuild, progress=progress)
    except CorpusError as error:
        fail(msg("corpus-error", error=error))


@corpus_app.command("build")
def corpus_build(
    dirs: CorpusDirs = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild even when a valid cached index exists.")] = False,
    verify: Annotated[bool, typer.Option("--verify/--no-verify", help="Check every block of the cached index.")] = True,
    shards: Annotated[int, typer.Option("--shards", min=1, help="Split the corpus by source into N independent indexes.")] = 1,
    cache_dir: CacheDir = None,
    lang: Lang = None,
) -> None:
    """Build (and cache) the index and the word lexicon ahead of time (a Dockerfile, a CI step); a
    progress display on a terminal."""
    import time

    start(lang)
    from yinwen.cachedir import cache_root
    from yinwen.cli.build_progress import LexiconAlongside, bar_wanted, prepare_lexicon, stage_progress
    from yinwen.corpus.store import index_dir, verify_index

    started = time.perf_counter()
    if shards > 1:
        _build_shards(dirs, cache_dir, shards, rebuild)
        return
    with stage_progress(bar_wanted()) as bar:
        progress = LexiconAlongside(bar)
        corpus = _open_corpus(dirs, cache_dir, rebuild=rebuild, progress=progress)
        directory = index_dir(cache_root(cache_dir), corpus.fingerprint)
        if verify and directory.is_dir():
            problems = verify_index(directory)
            if problems:
                say(msg("index-verify-failed", problems="; ".join(problems)))
                corpus = _open_corpus(dirs, cache_dir, rebuild=True, progress=progress)
        if progress.built_index:
            progress.finish()
        else:
            prepare_lexicon(bar)
    _prepare_segmenter()
    say(msg("corpus-built", sources=len(corpus.sources), chars=corpus.chars, fingerprint=corpus.fingerprint[:16],
            seconds=time.perf_counter() - started, index=directory))


def _build_shards(dirs: list[Path] | None, cache_dir: Path | None, shards: int, rebuild: bool) -> None:
    from yinwen.cachedir import cache_root, use_cache_root
    from yinwen.cli.build_progress import bar_wanted, stage_progress
    from yinwen.corpus.shards import open_shards
    from yinwen.corpus.sources import CorpusError
    from yinwen.corpus.user import default_dirs

    use_cache_root(cache_dir)
    try:
        with stage_progress(bar_wanted()) as progress:
            found = open_shards(default_dirs(dirs), cache_root(cache_dir), shards, rebuild=rebuild, progress=progress)
    except CorpusError as error:
        fail(msg("corpus-error", error=error))
    say(msg("shards-built", shards=shards, fingerprint=found.fingerprint[:16], path=found.directories[0].parent))


@corpus_app.command("verify")
def corpus_verify(
    dirs: CorpusDirs = None,
    repair: Annotated[bool, typer.Option("--repair/--no-repair", help="Rebuild a damaged index.")] = True,
    cache_dir: CacheDir = None,
    lang: Lang = None,
) -> None:
    """Check every block of the cached index against its checksums; exit 1 when any was damaged."""
    from yinwen.cachedir import cache_root
    from yinwen.corpus.cache import fingerprint
    from yinwen.corpus.store import index_dir, verify_index
    from yinwen.corpus.user import default_dirs

    start(lang)
    root = cache_root(cache_dir)
    directory = index_dir(root, fingerprint(default_dirs(dirs), root))
    if not (directory / "meta.json").is_file():
        fail(msg("index-none", path=directory))
    problems = verify_index(directory)
    if not problems:
        say(msg("index-verified", path=directory))
        return
    say(msg("index-damaged", path=directory, problems="; ".join(problems)))
    if repair:
        _open_corpus(dirs, cache_dir, rebuild=True)
        say(msg("index-rebuilt"))
    raise typer.Exit(code=1)


def _prepare_segmenter() -> None:
    """Convert jieba's dictionary for the stutter rule now, so the first check does not pay for it, and
    re-hash a cached one: a damaged lexicon must not survive ``corpus build``."""
    from yinwen.text import lexicon_store, wordseg

    try:
        wordseg.lexicon()
        directory = wordseg.lexicon_dir()
        problems = lexicon_store.verify(directory) if directory.is_dir() else []
        if problems:
            say(msg("lexicon-verify-failed", problems="; ".join(problems)))
            wordseg.lexicon.cache_clear()
            wordseg.rebuild(directory)
    except (ImportError, OSError, ValueError) as error:
        say(msg("segmenter-fallback", error=error))


@corpus_app.command("list")
def corpus_list(
    dirs: CorpusDirs = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of tab-separated text.")] = False,
    cache_dir: CacheDir = None,
    lang: Lang = None,
) -> None:
    """List the sources: id, title, speaker/author, date, characters, origin."""
    from yinwen.cli.corpus_views import list_sources

    start(lang)
    out(list_sources(_open_corpus(dirs, cache_dir), as_json, current_lang()))


@corpus_app.command("show")
def corpus_show(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="Source id (see `yinwen corpus list`).")],
    dirs: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directories (default: bundled + user).")] = None,
    cache_dir: CacheDir = None,
    lang: Lang = None,
) -> None:
    """Show one source: its metadata and its text."""
    from yinwen.cli.corpus_views import CommandError, show_source
    from yinwen.corpus.user import default_dirs

    start(lang)
    try:
        out(show_source(_open_corpus(dirs, cache_dir), source_id, default_dirs(dirs)))
    except CommandError as error:
        fail(error.args[0])


@corpus_app.command("stats")
def corpus_stats(dirs: CorpusDirs = None, cache_dir: CacheDir = None, lang: Lang = None) -> None:
    """Corpus and index sizes, sources by kind, the most frequent speakers."""
    from yinwen.cachedir import cache_root
    from yinwen.cli.corpus_views import stats
    from yinwen.corpus.store import index_dir

    start(lang)
    corpus = _open_corpus(dirs, cache_dir)
    out(stats(corpus, index_dir(cache_root(cache_dir), corpus.fingerprint), current_lang()))


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
    lang: Lang = None,
) -> None:
    """Add a text to your user corpus (checked from then on with the bundled one)."""
    from yinwen.cli.corpus_views import CommandError, NewSource, add_source
    from yinwen.corpus.sources import CorpusError

    start(lang)
    try:
        written = add_source(file, NewSource(title, speaker, date, kind, source_id, origin, licence), force=force)
    except CommandError as error:
        fail(error.args[0])
    except CorpusError as error:
        fail(msg("corpus-error", error=error))
    say(msg("source-added", path=written))


@corpus_app.command("search")
def corpus_search(
    text: Annotated[str, typer.Argument(help="A phrase or sentence to look up.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=50, help="How many passages.")] = 5,
    dirs: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directories (default: bundled + user).")] = None,
    lang: Lang = None,
    cache_dir: CacheDir = None,
) -> None:
    """The best passages for a phrase, with the sentence each stands in, its similarity and citation."""
    from yinwen.cli.corpus_views import render_passages, search_passages

    start(lang)
    passages = search_passages(_open_corpus(dirs, cache_dir), text, limit)
    out(render_passages(passages, current_lang()))


@corpus_app.command("import")
def corpus_import(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Files or folders of .docx, .pdf, .html, .md, .txt.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder to write the sources to (default: your user corpus).")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", "--author", help="Speaker where a document does not state one.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date (YYYY-MM-DD) where a document does not state one.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="speech, report, document, law or other.")] = "other",
    publisher: Annotated[str | None, typer.Option("--publisher", help="Publisher or issuing body.")] = None,
    origin: Annotated[str | None, typer.Option("--origin", help="Where the texts come from (default: the file name).")] = None,
    licence: Annotated[str, typer.Option("--licence", help="Terms the texts may be used under.")] = "",
    id_prefix: Annotated[str, typer.Option("--id-prefix", help="Prefix for the source ids made from file names.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Report as JSON on stdout.")] = False,
    lang: Lang = None,
) -> None:
    """Turn an archive (folders of .docx, .pdf, .html, .md, .txt) into corpus sources; the archive is only read.

    Title, date and speaker come from a sidecar TOML beside a file (讲话.docx.toml), else from what the
    document states, else from these options. Use the output with --extend-corpus or `extend-corpus` in the config.
    """
    from yinwen.cli.corpus_import import import_json, render_import
    from yinwen.corpus.archive import ISO_DATE, ImportOptions, import_archive
    from yinwen.corpus.user import user_corpus_dir
    from yinwen.messages import os_reason

    start(lang)
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        fail(msg("import-no-such-path", paths=", ".join(missing)))
    if date is not None and not ISO_DATE.match(date):
        fail(msg("import-bad-date", date=repr(date)))
    target = output or user_corpus_dir()
    options = ImportOptions(target, speaker, date, kind, publisher, origin, licence, id_prefix)
    try:
        report = import_archive(list(paths), options)
    except OSError as error:
        fail(msg("import-cannot-write", path=target, reason=os_reason(error)))
    if as_json:
        out(import_json(report, str(target)))
    else:
        typer.echo(render_import(report, str(target), current_lang()), err=True, nl=False)
    raise typer.Exit(code=2 if report.problems else 0)


@corpus_app.command("coverage")
def corpus_coverage(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS...", help="Drafts (.txt/.md/.docx/.pdf) or directories.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directory (replaces the bundled one).")] = None,
    extend_corpus: Annotated[list[Path] | None, typer.Option("--extend-corpus", help="Corpus directory added to the bundled one.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an encoding instead of BOM/UTF-8/GB18030.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this config file instead of searching for one.")] = None,
    lang: Lang = None,
) -> None:
    """Which attributed quotations in the drafts have no source in the corpus, by the speaker and occasion named."""
    from yinwen.cli.runner import check_paths
    from yinwen.corpus.sources import CorpusError
    from yinwen.report.coverage import coverage, render_coverage_json, render_coverage_text

    lang = start(lang)
    output_format = format_option(output_format, ("text", "json"))
    settings = drafts_settings(paths, corpus, extend_corpus, encoding, lang, config)
    try:
        report = check_paths(paths, settings)
    except CorpusError as error:
        fail(msg("corpus-error", error=error))
    found = coverage(report)
    out(render_coverage_json(found) if output_format == "json" else render_coverage_text(found, settings.lang))
    for message in report.usage_errors:
        say(message)
    raise typer.Exit(code=2 if report.failed() else 0)
