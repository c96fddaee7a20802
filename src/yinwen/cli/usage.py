"""Run the typer app so that click's own usage errors read like every other message: one line in the
run's language (a missing argument, an unknown option, a value not among the choices), then a hint.

click words these in English whatever --lang says; each kind is rebuilt here from what the exception
knows (the option, the parameter, the choices), so nothing English is left in a Chinese run.
"""

from __future__ import annotations

import re
import sys
from typing import NoReturn

import typer

from yinwen.messages import Message, msg, use_lang

try:  # typer ≥ 0.26 carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer on the real click
    from click import exceptions as click_errors  # type: ignore[no-redef]


def run_app(app, args: list[str] | None = None) -> NoReturn:
    from typer.main import get_command

    from yinwen.cli.common import default_lang

    args = list(sys.argv[1:] if args is None else args)
    use_lang(_lang_in(args) or default_lang())
    command = get_command(app)
    try:
        result = command.main(args=args, prog_name="yinwen", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as error:
        error.show()
        sys.exit(error.exit_code)
    except click_errors.UsageError as error:
        sys.stderr.write(f"yinwen: {usage_message(error)}\n")
        if error.ctx is not None:
            sys.stderr.write(f"yinwen: {msg('usage-hint', command=error.ctx.command_path)}\n")
        sys.exit(error.exit_code)
    except typer.Abort:
        sys.stderr.write(f"yinwen: {msg('usage-aborted')}\n")
        sys.exit(1)
    except click_errors.ClickException as error:  # pragma: no cover - yinwen raises none of its own
        sys.stderr.write(f"yinwen: {error.format_message()}\n")
        sys.exit(error.exit_code)
    sys.exit(result if isinstance(result, int) else 0)


def _lang_in(args: list[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        return value.lower() if value.lower() in ("zh", "en") else None
    return None


def usage_message(error) -> Message:
    """What went wrong, from the exception's parts rather than click's English sentence."""
    param = getattr(error, "param", None)
    hint = _hint(error, param)
    if isinstance(error, click_errors.NoSuchOption):
        possible = ", ".join(sorted(error.possibilities or ()))
        return msg("usage-no-such-option-like" if possible else "usage-no-such-option",
                   option=error.option_name, possible=possible)
    if isinstance(error, click_errors.MissingParameter):
        kind = error.param_type or (param.param_type_name if param is not None else "parameter")
        return msg("usage-missing-option" if kind == "option" else "usage-missing-argument", name=hint)
    if isinstance(error, click_errors.BadParameter):
        return msg("usage-bad-value", name=hint, expected=_expected(param))
    if isinstance(error, click_errors.BadOptionUsage):
        return msg("usage-option-needs-value" if "requires" in error.message else "usage-bad-option",
                   option=error.option_name)
    text = error.format_message()
    if text.startswith("No such command"):
        quoted = re.findall(r"'([^']*)'", text)
        name = quoted[0] if quoted else text
        return msg("usage-no-such-command-like" if len(quoted) > 1 else "usage-no-such-command", name=name,
                   possible=", ".join(quoted[1:]))
    if "unexpected extra argument" in text:
        return msg("usage-extra-arguments", arguments=text.rsplit("(", 1)[-1].rstrip(")"))
    return msg("usage-other", detail=text)


def _hint(error, param) -> str:
    if getattr(error, "param_hint", None):
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    if param is not None:
        if getattr(param, "param_type_name", "") == "argument":
            return param.human_readable_name
        return " / ".join(getattr(param, "opts", None) or [param.human_readable_name])
    return ""


def _expected(param) -> Message:
    """What the parameter accepts: its choices, its range, or its type."""
    kind = getattr(param, "type", None)
    choices = getattr(kind, "choices", None)
    if choices:
        return msg("usage-expected-choice", choices=", ".join(str(getattr(c, "value", c)) for c in choices))
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    if low is not None and high is not None:
        return msg("usage-expected-range", low=low, high=high)
    if low is not None or high is not None:
        return msg("usage-expected-min", low=low) if low is not None else msg("usage-expected-max", high=high)
    name = getattr(kind, "name", "")
    return msg("usage-expected-integer" if name == "integer" else "usage-expected-number" if name == "float"
               else "usage-expected-other")
