"""``yinwen serve``: the options, then the web page (yinwen.web, imported only here, only when serving)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yinwen.cli.common import default_lang, fail, start
from yinwen.messages import msg


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port (0: any free port).")] = 8765,
    allow_remote: Annotated[bool, typer.Option(
        "--allow-remote", help="Allow an address other computers can reach (everyone on the network can then send drafts).")] = False,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the page in a browser.")] = False,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="Corpus directory (replaces the bundled one; repeatable).")] = None,
    extend_corpus: Annotated[list[Path] | None, typer.Option("--extend-corpus", help="Corpus directory added to the bundled one.")] = None,
    max_size: Annotated[int | None, typer.Option("--max-size", min=1, help="Largest draft accepted, in bytes (default 10 MiB).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the messages here and of the page opened: zh or en.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this config file instead of searching for one.")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore all config files.")] = False,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Where the corpus index is cached.")] = None,
) -> None:
    """Serve the checking page on this machine and open it in the browser."""
    from yinwen.config.files import ConfigError, Overrides, settings_for
    from yinwen.corpus.sources import CorpusError
    from yinwen.messages import use_lang
    from yinwen.web.server import ServeError, ServeOptions
    from yinwen.web.server import serve as run

    lang = start(lang)
    overrides = Overrides(corpus=tuple(corpus) if corpus else None, extend_corpus=tuple(extend_corpus or ()),
                          max_bytes=max_size, lang=lang, default_lang=default_lang(), cache_dir=cache_dir)
    try:
        settings = settings_for(["."], overrides, config_path=config, isolated=isolated)
        use_lang(settings.lang)
    except ConfigError as error:
        fail(msg("config-error", error=error))
    try:
        run(ServeOptions(settings, host, port, allow_remote, not no_browser, settings.lang))
    except ServeError as error:
        fail(str(error))
    except CorpusError as error:
        fail(msg("corpus-error", error=error))
