"""``yinwen check``: the options, the run, the outputs it writes, the report and the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from yinwen.cli.common import FailOn, default_lang, fail, format_names, format_option, names, say, start
from yinwen.messages import current_lang, msg


def check(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATHS...", help="Files, directories (searched for .txt/.md/.docx/.pdf), or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json, sarif, github, rdjson, html")] = "text",
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directory (replaces the bundled one; repeatable).")] = None,
    extend_corpus: Annotated[list[Path] | None, typer.Option("--extend-corpus", help="Corpus directory added to the bundled one.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an encoding instead of BOM/UTF-8/GB18030.")] = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", case_sensitive=False, help="Lowest severity for exit 1 (default: error).")] = None,
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
    editions: Annotated[list[Path] | None, typer.Option(
        "--editions", help="TOML file of edition variants added to the bundled table (YW106; repeatable).")] = None,
    reuse_report: Annotated[bool, typer.Option(
        "--reuse-report", help="Print per file the share of text found verbatim in the corpus and the top sources.")] = False,
    repeat_min_chars: Annotated[int | None, typer.Option(
        "--repeat-min-chars", help="Shortest repeated sentence reported (YW202), in characters.")] = None,
    reuse_min_chars: Annotated[int | None, typer.Option(
        "--reuse-min-chars", help="Shortest verbatim run reported (YW203), in characters.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, max=256, help="Worker processes for many files (0: one per core).")] = 1,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Where the corpus index is cached.")] = None,
    ray_address: Annotated[str | None, typer.Option(
        "--ray", metavar="ADDRESS", help="Spread files over a Ray cluster: local, auto, or ray://host:port (needs yinwen[ray]).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=0, help="Ray checker actors (0: one per CPU of the cluster).")] = 0,
    shards: Annotated[int, typer.Option("--shards", min=1, help="Look quotes up in a corpus split into N shards, on Ray actors.")] = 1,
) -> None:
    """Check every quotation in PATHS against the corpus."""
    from yinwen.cli.inputs import STDIN
    from yinwen.cli.progress import Bar, wanted
    from yinwen.cli.runner import check_paths, open_with_bar, read_stdin
    from yinwen.config.baseline import BaselineError, apply_baseline, load_baseline
    from yinwen.config.baseline import write_baseline as write_baseline_file
    from yinwen.config.files import ConfigError, Overrides, settings_for
    from yinwen.corpus.sources import CorpusError
    from yinwen.messages import os_reason, use_lang
    from yinwen.report import RenderOptions, formatter

    lang = start(lang)
    output_format = format_option(output_format, format_names())
    overrides = Overrides(
        corpus=tuple(corpus) if corpus else None,
        extend_corpus=tuple(extend_corpus or ()),
        encoding=encoding,
        max_bytes=max_size,
        fail_on=fail_on.value if fail_on else None,
        lang=lang,
        default_lang=default_lang(),
        select=names(select),
        extend_select=names(extend_select) or (),
        ignore=names(ignore) or (),
        force_exclude=force_exclude,
        baseline=baseline,
        formulations=tuple(formulations) if formulations else None,
        editions=tuple(editions) if editions else None,
        repeat_min_chars=repeat_min_chars,
        reuse_min_chars=reuse_min_chars,
        cache_dir=cache_dir,
    )
    try:
        settings = settings_for(paths, overrides, config_path=config, isolated=isolated)
        use_lang(settings.lang)
        accepted = load_baseline(settings.baseline) if settings.baseline and not write_baseline else None
    except (ConfigError, BaselineError) as error:
        fail(msg("config-error", error=error))
    _check_formulations(settings)
    _check_editions(settings)
    _refuse_output_over_input(paths, settings, annotate, html_report, write_baseline)
    language = settings.lang
    # Standard input is read once: the check after --fix must see the same (fixed) text, not an empty pipe.
    stdin_bytes = read_stdin(settings) if STDIN in paths else None
    try:
        if ray_address is not None or shards > 1:
            report, corpus = _check_on_ray(paths, settings, ray_address, workers, shards, output_format, no_progress)
        else:
            # Opened once: the report, --fix, --annotate and --reuse-report share it (a corpus built in
            # memory because the cache cannot be written is built, and warned about, once); a first
            # build shows a bar on a terminal.
            corpus = open_with_bar(settings)
            if jobs != 1:
                from yinwen.cli.parallel import check_paths_parallel

                report = check_paths_parallel(paths, settings, jobs, stdin_bytes=stdin_bytes, corpus=corpus)
            else:
                with Bar() as bar:
                    report = check_paths(paths, settings, stdin_bytes=stdin_bytes, corpus=corpus,
                                         progress=bar if wanted(output_format, enabled=not no_progress) else None)
    except CorpusError as error:
        fail(msg("corpus-error", error=error))
    fixed_stdin = None
    if fix or annotate or html_report:
        report, fixed_stdin = _write_outputs(paths, settings, corpus, report, fix, annotate, html_report,
                                             RenderOptions(lang=language), stdin_bytes)
    if write_baseline is not None:
        try:
            count = write_baseline_file(report, write_baseline)
        except OSError as error:
            fail(msg("baseline-write-failed", path=write_baseline, reason=os_reason(error)))
        say(msg("baseline-written", count=count, path=write_baseline))
        _report_problems(report)
        raise typer.Exit(code=2 if report.failed() else 0)
    if accepted is not None:
        known = apply_baseline(report, accepted, settings.baseline.parent)
        if known and output_format == "text":
            say(msg("baseline-hidden", count=known))
    # With --fix on standard input, stdout carries the fixed text (a filter); the report goes to stderr.
    report_stream = sys.stderr if fixed_stdin is not None else sys.stdout
    use_color = color if color is not None else (output_format == "text" and report_stream.isatty())
    rendered = formatter(output_format)(report, RenderOptions(lang=language, color=use_color, verbose=verbose))
    report_stream.buffer.write(rendered.encode("utf-8"))
    report_stream.flush()
    if fixed_stdin is not None:
        sys.stdout.buffer.write(fixed_stdin)
        sys.stdout.flush()
    if reuse_report:
        _print_reuse_report(report, settings, corpus, to_stderr=output_format != "text" or fixed_stdin is not None)
    for message in report.usage_errors:
        say(message)
    if verbose:
        for diagnostic in report.all_diagnostics():
            if "traceback" in diagnostic.details:
                typer.echo(diagnostic.details["traceback"], err=True)
    code = report.exit_code(settings.fail_on)
    if exit_zero and code == 1:
        code = 0
    raise typer.Exit(code=code)


def _check_on_ray(paths, settings, address: str | None, workers: int, shards: int, output_format: str, no_progress: bool):
    """--ray (files over a cluster) and --shards (the corpus over shard actors): (report, the corpus used)."""
    from yinwen.cli.build_progress import bar_wanted, stage_progress
    from yinwen.cli.progress import Bar, wanted
    from yinwen.cli.ray_cluster import RayMissing, check_paths_ray, sharded_corpus
    from yinwen.cli.runner import check_paths, open_with_bar
    from yinwen.corpus.sources import CorpusError

    try:
        if shards > 1:
            with stage_progress(bar_wanted()) as building:
                corpus = sharded_corpus(settings, address, shards, building)
            with Bar() as bar:
                return check_paths(paths, settings, corpus=corpus,
                                   progress=bar if wanted(output_format, enabled=not no_progress) else None), corpus
        corpus = open_with_bar(settings)
        return check_paths_ray(paths, settings, corpus, address, workers), corpus
    except RayMissing as error:
        fail(error.args[0])
    except (CorpusError, typer.Exit):
        raise
    except Exception as error:  # noqa: BLE001 - a cluster that cannot be reached or a shard that will not open
        first = str(error).strip().split("\n")[0][:300]
        fail(msg("ray-failed", kind=type(error).__name__, detail=first))


def _report_problems(report) -> None:
    """Usage errors and files that could not be checked, on stderr (when the report itself is not printed)."""
    for message in report.usage_errors:
        say(message)
    for file in report.files:
        for diagnostic in file.diagnostics:
            if diagnostic.fails_run:
                say(msg("input-problem", path=file.path, code=diagnostic.code,
                        message=diagnostic.text(current_lang())))


def _write_outputs(paths, settings, corpus, report, fix: bool, annotate: Path | None, html_report: Path | None, options,
                   stdin_bytes: bytes | None):
    """--annotate, --fix and --html-report; returns the report to print (re-checked after fixes) and the
    fixed standard input (None unless --fix was given and standard input was checked)."""
    from yinwen.cli.outputs import OutputError, fix_files, write_html
    from yinwen.cli.outputs import annotate as annotate_copy
    from yinwen.cli.runner import check_paths

    messages = []
    fixed_stdin = None
    try:
        if annotate is not None:
            messages += annotate_copy(report, annotate, settings, corpus, fix)
        if fix:
            outcome = fix_files(report, settings, corpus, annotating=annotate is not None, stdin_bytes=stdin_bytes)
            messages += outcome.messages
            fixed_stdin = outcome.stdin_bytes
            if any(Path(f.path).suffix.lower() != ".docx" for f in report.files):
                report = check_paths(paths, settings, stdin_bytes=fixed_stdin if fixed_stdin is not None else stdin_bytes,
                                     corpus=corpus)
            report.usage_errors.extend(outcome.problems)
        if html_report is not None:
            messages += write_html(report, html_report, options)
    except OutputError as error:
        fail(error.args[0])
    for message in messages:
        say(message)
    return report, fixed_stdin


def _refuse_output_over_input(paths, settings, annotate, html_report, write_baseline) -> None:
    """Before any work: no output may land on a draft, a config, a baseline read or a corpus source."""
    from dataclasses import replace

    from yinwen.cli.output_guard import find_clash

    outputs = [(option, path) for option, path in (("--annotate", annotate), ("--html-report", html_report),
                                                   ("--write-baseline", write_baseline)) if path is not None]
    # --write-baseline replaces the config's baseline on purpose, and the old one is then not read.
    reads = replace(settings, baseline=None) if write_baseline is not None else settings
    clash = find_clash(outputs, paths, reads)
    if clash is not None:
        fail(clash.message(settings.lang))


def _check_editions(settings) -> None:
    from yinwen.match.editions import EditionsError, load_editions

    try:
        load_editions(tuple(settings.editions))
    except EditionsError as error:
        fail(msg("editions-error", error=error))


def _check_formulations(settings) -> None:
    from yinwen.rules.formulation_table import FormulationError, load_formulations

    try:
        load_formulations(settings.formulations)
    except FormulationError as error:
        fail(msg("formulations-error", error=error))


def _print_reuse_report(report, settings, corpus, to_stderr: bool) -> None:
    from yinwen.report.reuse_summary import render_reuse

    text = render_reuse(report, corpus, settings, settings.lang)
    stream = sys.stderr if to_stderr else sys.stdout
    stream.buffer.write(text.encode("utf-8"))
    stream.flush()
