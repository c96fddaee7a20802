"""Command line: wires arguments to the engine and picks a formatter. No logic of its own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from yinwen import __version__
from yinwen.cli.check_command import check
from yinwen.cli.common import default_lang, drafts_settings, fail, format_option, say, start
from yinwen.cli.corpus_app import corpus_app
from yinwen.cli.serve_command import serve
from yinwen.messages import msg

app = typer.Typer(
    name="yinwen",
    help="引文 yinwen: check quotations in Chinese documents against a reference corpus.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's plain help: rich's panels cut long option names (--no-force-exclude) at 80 columns.
    rich_markup_mode=None,
)
app.command()(check)
app.add_typer(corpus_app, name="corpus")
app.command()(serve)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"yinwen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """引文 yinwen."""


@app.command("config")
def config_show(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATHS...]", help="The paths you would check (the config is found from them).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this config file instead of searching for one.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="Message language: zh or en.")] = None,
) -> None:
    """Print the effective configuration (defaults, then the config file found) as TOML."""
    from yinwen.cli.config_view import render_settings
    from yinwen.config.files import ConfigError, Overrides, settings_for

    lang = start(lang)
    try:
        settings = settings_for(paths or ["."], Overrides(lang=lang, default_lang=default_lang()), config_path=config,
                                isolated=isolated)
    except ConfigError as error:
        fail(msg("config-error", error=error))
    sys.stdout.buffer.write(render_settings(settings).encode("utf-8"))


@app.command("cite")
def cite(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS...", help="Drafts (.txt/.md/.docx/.pdf), directories, or - for stdin.")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directory (replaces the bundled one).")] = None,
    extend_corpus: Annotated[list[Path] | None, typer.Option("--extend-corpus", help="Corpus directory added to the bundled one.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an encoding instead of BOM/UTF-8/GB18030.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Message language: zh or en.")] = None,
) -> None:
    """Print the source of every verified quotation in customary Chinese citation form (注释)."""
    from yinwen.cli.runner import check_paths, open_settings_corpus
    from yinwen.corpus.sources import CorpusError
    from yinwen.messages import current_lang
    from yinwen.report.cite import citations, render_json, render_text

    lang = start(lang)
    output_format = format_option(output_format, ("text", "json"))
    settings = drafts_settings(paths, corpus, extend_corpus, encoding, lang)
    try:
        opened = open_settings_corpus(settings)
        report = check_paths(paths, settings, corpus=opened)
    except CorpusError as error:
        fail(msg("corpus-error", error=error))
    found = citations(report, opened)
    rendered = render_json(found) if output_format == "json" else render_text(found)
    sys.stdout.buffer.write(rendered.encode("utf-8"))
    sys.stdout.flush()
    for message in report.usage_errors:
        say(message)
    for file in report.files:
        for diagnostic in file.diagnostics:
            if diagnostic.code.startswith("YW0"):
                say(msg("input-problem", path=file.path, code=diagnostic.code, message=diagnostic.text(current_lang())))
    raise typer.Exit(code=2 if report.failed() else 0)


@app.command("rules")
def rules_list(
    lang: Annotated[str | None, typer.Option("--lang", help="zh or en.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every rule with its documentation, as JSON.")] = False,
) -> None:
    """List every rule: code, name, default severity, summary."""
    from yinwen.cli.rule_docs import rules_json, rules_table
    from yinwen.messages import current_lang

    start(lang)
    text = rules_json() if as_json else rules_table(current_lang())
    sys.stdout.buffer.write(text.encode("utf-8"))


@app.command("rule")
def rule_doc(
    code: Annotated[str, typer.Argument(help="Rule code (YW101) or name (misquote).")],
    lang: Annotated[str | None, typer.Option("--lang", help="zh or en.")] = None,
) -> None:
    """Print a rule's documentation with its bad and good examples."""
    from yinwen.cli.rule_docs import rule_page
    from yinwen.messages import current_lang
    from yinwen.rules import resolve_rule

    start(lang)
    rule = resolve_rule(code)
    if rule is None:
        fail(msg("unknown-rule-name", name=repr(code)))
    sys.stdout.buffer.write(rule_page(rule, current_lang()).encode("utf-8"))


def main() -> None:
    """The console script: click's own usage errors (a missing argument, a bad option) are shown as one
    line in the run's language, like every other message."""
    from yinwen.cli.usage import run_app
    from yinwen.messages import msg

    try:
        run_app(app)
    except MemoryError:
        # Inputs are bounded (size, quotation marks, quotation length), but a machine can still run short:
        # say so in one line instead of a traceback, and fail the run.
        sys.stderr.write(f"yinwen: {msg('out-of-memory')}\n")
        raise SystemExit(2) from None
