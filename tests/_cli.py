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
