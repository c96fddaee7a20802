"""The command line: the typer app and what only the command line needs (paths, selection, runner, outputs)."""

from __future__ import annotations


def main() -> None:
    """The ``yinwen`` console script (``yinwen.cli:main``). typer is imported here, not by the package, so
    a worker process that needs only the runner does not pay for it."""
    from yinwen.cli.app import main as run

    run()


def __getattr__(name: str):
    if name == "app":
        from yinwen.cli.app import app

        return app
    raise AttributeError(name)
