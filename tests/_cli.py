"""Run the real CLI in-process (typer's CliRunner keeps stdout and stderr apart)."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

MISQUOTE_TEXT = "历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。\n"
CLEAN_TEXT = "历史反复证明，“以斗争求安全则安全存，以妥协求安全则安全亡”。\n"
WARNING_TEXT = "认真学习党的二十大大报告。\n"


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, input: str | bytes | None = None) -> Result:
    from yinwen.cli.app import app

    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    return Result(result.exit_code, result.stdout, result.stderr)


def run_main(*args: str, env: dict[str, str] | None = None) -> Result:
    """The console script's entry (``yinwen.cli.main``) in this process: click's own usage errors are
    part of what it prints. ``env`` is laid over the environment (LANG decides the default language)."""
    import io
    import os
    from contextlib import redirect_stderr, redirect_stdout
    from unittest.mock import patch

    from yinwen.cli import main

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    code = 0
    argv = ["yinwen", *(str(a) for a in args)]
    with patch.dict(os.environ, env or {}), patch("sys.argv", argv), redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    out.flush()
    err.flush()
    return Result(code, out.buffer.getvalue().decode("utf-8"), err.buffer.getvalue().decode("utf-8"))
