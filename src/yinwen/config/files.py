"""Configuration files: ``[tool.yinwen]`` in pyproject.toml or a ``yinwen.toml``, found by walking up.

The first directory (from the checked paths upwards) holding a ``yinwen.toml``, or a
``pyproject.toml`` with a ``[tool.yinwen]`` table, wins; ``--config FILE`` names one directly and
``--isolated`` ignores them all. Every key is validated: an unknown key or a bad value is a
``ConfigError`` naming the file and the key, which the CLI turns into exit code 2. Relative paths
in a config file are relative to the file's directory. CLI flags override the file.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from yinwen.config.settings import MAX_MAX_BYTES, Settings
from yinwen.data_files import MAX_CONFIG_BYTES, DataFileError, load_toml_file, parse_toml, read_limited
from yinwen.diagnostics import Severity
from yinwen.match.thresholds import Thresholds, threshold_problem
from yinwen.messages import msg

CONFIG_NAMES = ("yinwen.toml", "pyproject.toml")
LANGS = ("zh", "en")


class ConfigError(Exception):
    """A configuration problem; the message (a catalog Message) names the file and the key."""


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: dict

    @property
    def root(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class Overrides:
    """What the command line said; None means 'not given' so the config file (or default) applies."""

    corpus: tuple[Path, ...] | None = None
    extend_corpus: tuple[Path, ...] | None = None
    encoding: str | None = None
    max_bytes: int | None = None
    fail_on: str | None = None
    lang: str | None = None
    default_lang: str = "zh"  # from the locale, when neither the CLI nor the config names one
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    force_exclude: bool | None = None
    baseline: Path | None = None
    formulations: tuple[Path, ...] | None = None
    editions: tuple[Path, ...] | None = None
    repeat_min_chars: int | None = None
    reuse_min_chars: int | None = None
    cache_dir: Path | None = None


def find_config(paths: list[str], cwd: Path | None = None) -> Path | None:
    """The nearest config file above the checked paths (their common directory), or None."""
    cwd = (cwd or Path.cwd()).resolve()
    starts = []
    for raw in paths or ["."]:
        if raw == "-":
            starts.append(cwd)
            continue
        # Lexical, not resolve(): a symlink loop among the inputs is the input check's to report.
        path = Path(os.path.abspath(cwd / raw))
        starts.append(path if path.is_dir() else path.parent)
    try:
        directory = Path(os.path.commonpath([str(p) for p in starts]))
    except ValueError:
        directory = starts[0]
    for candidate in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            found = candidate / name
            if found.is_file() and (name == "yinwen.toml" or _has_tool_table(found)):
                return found
    return None


def _has_tool_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml above the drafts configures yinwen. Any pyproject.toml may be met here
    (someone else's, huge, nested ten thousand deep): only one that names our table is ours to report."""
    try:
        raw = read_limited(pyproject, MAX_CONFIG_BYTES)
        text = raw.decode("utf-8")
    except (DataFileError, UnicodeDecodeError):
        return False
    try:
        data = parse_toml(text, pyproject)
    except DataFileError:
        # Broken TOML that mentions our table is ours to report, not to skip silently.
        return "[tool.yinwen" in text
    return isinstance(data.get("tool"), dict) and "yinwen" in data["tool"]


def load_config(path: Path) -> ConfigFile:
    """Read and validate one config file."""
    try:
        data = load_toml_file(path)
    except DataFileError as error:
        raise ConfigError(error.args[0]) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("yinwen", {}) if isinstance(data.get("tool"), dict) else {}
        prefix = "tool.yinwen."
    else:
        table = data.get("tool", {}).get("yinwen", data) if isinstance(data.get("tool"), dict) else data
        prefix = ""
    if not isinstance(table, dict):
        raise ConfigError(msg("config-not-a-table", path=path, key=prefix.rstrip('.') or 'yinwen'))
    values = {}
    for key, raw in table.items():
        parser = PARSERS.get(key)
        if parser is None:
            raise ConfigError(msg("config-unknown-key", path=path, key=f"{prefix}{key!s}", known=", ".join(sorted(PARSERS))))
        try:
            values[key] = parser(raw, path.parent)
        except ValueError as error:
            raise ConfigError(msg("config-bad-value", path=path, key=f"{prefix}{key}", reason=error)) from None
    return ConfigFile(path, values)


# --- value parsers: raise ValueError with a short reason --------------------------------------


def _strings(raw, _root: Path) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return tuple(raw)
    raise ValueError(msg("value-not-strings", got=repr(raw)))


def _globs(raw, root: Path) -> tuple[str, ...]:
    """gitignore-style patterns, each compiled now: a bad one ("!") is a config error, not a crash later."""
    patterns = _strings(raw, root)
    for pattern in patterns:
        check_glob(pattern)
    return patterns


def check_glob(pattern: str) -> None:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([pattern])
    except Exception as error:  # noqa: BLE001 - pathspec raises several types for a bad pattern
        raise ValueError(msg("value-bad-pattern", pattern=repr(pattern), detail=error)) from None


def _existing(raw, root: Path, want_dir: bool) -> tuple[Path, ...]:
    """Paths relative to the config's directory that must exist (directories or files)."""
    found = []
    for item in _strings(raw, root):
        path = (root / item) if not Path(item).is_absolute() else Path(item)
        if not (path.is_dir() if want_dir else path.is_file()):
            raise ValueError(msg("value-no-such-directory" if want_dir else "value-no-such-file", path=item))
        found.append(path)
    return tuple(found)


def _dirs(raw, root: Path) -> tuple[Path, ...]:
    return _existing(raw, root, want_dir=True)


def _files(raw, root: Path) -> tuple[Path, ...]:
    return _existing(raw, root, want_dir=False)


def resolve_codes(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """Codes (YW101), kebab names (misquote) or code prefixes (YW1) → rule codes."""
    from yinwen.rules import registry, resolve_rule

    codes = set()
    for name in names:
        rule = resolve_rule(name)
        if rule is not None:
            codes.add(rule.code)
            continue
        prefix = name.strip().upper()
        matched = [code for code in registry() if prefix.startswith("YW") and code.startswith(prefix)]
        if not matched:
            raise ValueError(msg("unknown-rule", name=repr(name)))
        codes.update(matched)
    return frozenset(codes)


def _codes(raw, root: Path) -> frozenset[str]:
    return resolve_codes(_strings(raw, root))


def _severity(raw, _root: Path) -> Severity:
    if not isinstance(raw, str):
        raise ValueError(msg("value-not-severity", got=repr(raw)))
    return Severity.parse(raw)


def _severities(raw, root: Path) -> dict[str, Severity | None]:
    if not isinstance(raw, dict):
        raise ValueError(msg("value-not-severity-table"))
    out: dict[str, Severity | None] = {}
    for name, level in raw.items():
        codes = resolve_codes([name])
        if len(codes) != 1:
            raise ValueError(msg("value-severity-prefix", name=name))
        (code,) = codes
        if level == "off":
            out[code] = None
            continue
        try:
            out[code] = _severity(level, root)
        except ValueError as error:
            raise ValueError(msg("value-severity-or-off", name=name, reason=error)) from None
    return out


def _thresholds(raw, _root: Path) -> dict[str, int | float]:
    if not isinstance(raw, dict):
        raise ValueError(msg("value-not-table"))
    known = {f.name.replace("_", "-"): f for f in fields(Thresholds)}
    out: dict[str, int | float] = {}
    for key, value in raw.items():
        spec = known.get(key)
        if spec is None:
            raise ValueError(msg("value-unknown-threshold", key=repr(key), known=", ".join(sorted(known))))
        default = getattr(Thresholds(), spec.name)
        if isinstance(value, bool) or not isinstance(value, int | float) or (isinstance(default, int) and isinstance(value, float)):
            raise ValueError(msg("value-not-integer" if isinstance(default, int) else "value-not-number", key=key,
                                 got=repr(value)))
        problem = threshold_problem(spec.name, value)
        if problem:
            raise ValueError(msg("value-in-key", key=key, reason=problem))
        out[spec.name] = float(value) if isinstance(default, float) else value
    return out


def _bool(raw, _root: Path) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(msg("value-not-bool", got=repr(raw)))
    return raw


def _lang(raw, _root: Path) -> str:
    if raw not in LANGS:
        raise ValueError(msg("value-not-lang", got=repr(raw)))
    return raw


def _encoding(raw, _root: Path) -> str:
    if not isinstance(raw, str):
        raise ValueError(msg("value-not-encoding", got=repr(raw)))
    try:
        info = codecs.lookup(raw)
    except LookupError:
        raise ValueError(msg("value-unknown-encoding", got=repr(raw))) from None
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13: bytes-to-bytes codecs
        raise ValueError(msg("value-not-text-encoding", got=repr(raw)))
    return raw


def _max_size(raw, _root: Path) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw <= MAX_MAX_BYTES:
        raise ValueError(msg("value-not-max-size", most=MAX_MAX_BYTES, got=repr(raw)))
    return raw


def _per_file_ignores(raw, root: Path) -> tuple[tuple[str, frozenset[str]], ...]:
    if not isinstance(raw, dict):
        raise ValueError(msg("value-not-ignore-table"))
    out = []
    for pattern, names in raw.items():
        try:
            check_glob(pattern)
            out.append((pattern, _codes(names, root)))
        except ValueError as error:
            raise ValueError(msg("value-in-pattern", pattern=repr(pattern), reason=error)) from None
    return tuple(out)


def _path(raw, root: Path) -> Path:
    if not isinstance(raw, str):
        raise ValueError(msg("value-not-path", got=repr(raw)))
    return root / raw if not Path(raw).is_absolute() else Path(raw)


PARSERS: dict[str, Callable] = {
    "corpus": _dirs,
    "extend-corpus": _dirs,
    "select": _codes,
    "extend-select": _codes,
    "ignore": _codes,
    "severity": _severities,
    "thresholds": _thresholds,
    "include": _globs,
    "exclude": _globs,
    "extend-exclude": _globs,
    "respect-gitignore": _bool,
    "force-exclude": _bool,
    "per-file-ignores": _per_file_ignores,
    "fail-on": _severity,
    "lang": _lang,
    "encoding": _encoding,
    "max-size": _max_size,
    "baseline": _path,
    "formulations": _files,
    "editions": _files,
}


def build_settings(config: ConfigFile | None, cli: Overrides, cwd: Path | None = None) -> Settings:
    """Settings from defaults ← config file ← command line. Raises ConfigError for bad CLI values."""
    values = config.values if config else {}
    base = Settings()
    try:
        cli_select = resolve_codes(cli.select) if cli.select is not None else None
        cli_extend = resolve_codes(cli.extend_select)
        cli_ignore = resolve_codes(cli.ignore)
    except ValueError as error:
        raise ConfigError(msg("config-command-line", reason=error)) from None
    select = cli_select if cli_select is not None else values.get("select")
    extend = values.get("extend-select", frozenset()) | cli_extend
    if select is not None:
        select = select | extend
    ignore = values.get("ignore", frozenset()) | cli_ignore
    severities: dict[str, Severity] = {}
    for code, level in values.get("severity", {}).items():
        if level is None:
            ignore = ignore | {code}
        else:
            severities[code] = level
    fail_on = Severity.parse(cli.fail_on) if cli.fail_on else values.get("fail-on", base.fail_on)
    thresholds = replace(base.thresholds, **values.get("thresholds", {}))
    for option, name, value in (("--repeat-min-chars", "repeat_min_chars", cli.repeat_min_chars),
                                ("--reuse-min-chars", "reuse_min_chars", cli.reuse_min_chars)):
        if value is not None:
            problem = threshold_problem(name, value)
            if problem:
                raise ConfigError(msg("config-command-line-option", option=option, reason=problem))
            thresholds = replace(thresholds, **{name: value})
    _check_command_line(cli)
    return replace(
        base,
        corpus=cli.corpus if cli.corpus is not None else values.get("corpus", ()),
        extend_corpus=values.get("extend-corpus", ()) + (cli.extend_corpus or ()),
        encoding=cli.encoding or values.get("encoding"),
        max_bytes=cli.max_bytes if cli.max_bytes is not None else values.get("max-size", base.max_bytes),
        select=select,
        ignore=frozenset(ignore),
        severities=severities,
        thresholds=thresholds,
        formulations=values.get("formulations", ()) + (cli.formulations or ()),
        editions=values.get("editions", ()) + (cli.editions or ()),
        cache_dir=cli.cache_dir,
        fail_on=fail_on,
        lang=cli.lang or values.get("lang") or cli.default_lang,
        include=values.get("include", ()),
        exclude=values.get("exclude", ()) + values.get("extend-exclude", ()),
        respect_gitignore=values.get("respect-gitignore", True),
        force_exclude=cli.force_exclude if cli.force_exclude is not None else values.get("force-exclude", False),
        per_file_ignores=values.get("per-file-ignores", ()),
        root=config.root if config else (cwd or Path.cwd()),
        baseline=cli.baseline or values.get("baseline"),
        config_path=config.path if config else None,
    )


def _check_command_line(cli: Overrides) -> None:
    """The command line's values get the config file's checks (--max-size -5 used to skip every file)."""
    for option, parser, value in (("--max-size", _max_size, cli.max_bytes), ("--encoding", _encoding, cli.encoding)):
        if value is not None:
            try:
                parser(value, Path.cwd())
            except ValueError as error:
                raise ConfigError(msg("config-command-line-option", option=option, reason=error)) from None


def settings_for(paths: list[str], cli: Overrides, config_path: Path | None = None, isolated: bool = False) -> Settings:
    """The effective settings of a run: find (or take) the config file, then apply the CLI."""
    if isolated:
        return build_settings(None, cli)
    path = config_path or find_config(paths)
    if config_path is not None and not config_path.is_file():
        raise ConfigError(msg("config-no-such-file", path=config_path))
    return build_settings(load_config(path) if path else None, cli)
