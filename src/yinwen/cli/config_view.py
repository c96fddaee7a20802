"""``yinwen config``: the effective settings written back as the TOML a user would put in a file.

Printing what yinwen will actually do (defaults merged with the config file found) answers "why is
this rule (not) running?" without reading code; the output is itself a valid ``yinwen.toml``.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from yinwen.config.settings import Settings


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Path):
        return json.dumps(value.as_posix(), ensure_ascii=False)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple | frozenset | set):
        items = sorted(value) if isinstance(value, frozenset | set) else list(value)
        return "[" + ", ".join(_value(item) for item in items) + "]"
    raise TypeError(type(value))


def render_settings(settings: Settings) -> str:
    from yinwen.rules import registry

    rules = registry()
    selected = sorted(code for code in rules if settings.enabled(code))
    from yinwen.messages import msg

    source = settings.config_path.as_posix() if settings.config_path else msg("config-view-defaults")
    lines = [
        f"# {msg('config-view-header', source=source)}",
        f"corpus = {_value([p.as_posix() for p in settings.corpus_dirs()[:len(settings.corpus) or 1]])}",
        f"extend-corpus = {_value(list(settings.extend_corpus))}",
        f"select = {_value(selected)}",
        f"ignore = {_value(sorted(settings.ignore))}",
        f"fail-on = {_value(settings.fail_on.label)}",
        f"lang = {_value(settings.lang)}",
        f"encoding = {_value(settings.encoding or 'auto')}" if settings.encoding else f"# {msg('config-view-encoding')}",
        f"max-size = {settings.max_bytes}",
        f"include = {_value(list(settings.include))}",
        f"exclude = {_value(list(settings.exclude))}",
        f"respect-gitignore = {_value(settings.respect_gitignore)}",
        f"force-exclude = {_value(settings.force_exclude)}",
    ]
    if settings.baseline is not None:
        lines.append(f"baseline = {_value(settings.baseline)}")
    lines += ["", "[severity]"]
    for code, rule in rules.items():
        level = settings.severities.get(code, rule.severity).label
        lines.append(f"{code} = {_value(level)}  # {rule.name}")
    lines += ["", "[thresholds]"]
    for spec in fields(settings.thresholds):
        lines.append(f"{spec.name.replace('_', '-')} = {_value(getattr(settings.thresholds, spec.name))}")
    if settings.per_file_ignores:
        lines += ["", "[per-file-ignores]"]
        for pattern, codes in settings.per_file_ignores:
            lines.append(f"{_value(pattern)} = {_value(codes)}")
    return "\n".join(lines) + "\n"
