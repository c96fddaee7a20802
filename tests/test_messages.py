"""One message catalog, in Chinese and English, chosen by --lang (issue 19, item 6).

The catalog (data/messages.toml) is checked as data; the source is checked for messages that bypass
it; and yinwen is run the way a newcomer meets it — its commands, its mistakes — in each language,
reading every line it prints.
"""

from __future__ import annotations

import ast
import re
import string
import tomllib
from pathlib import Path

import pytest

from tests._cli import MISQUOTE_TEXT, run_main
from tests._lang import CJK, english_lines
from tests.conftest import ROOT

SRC = ROOT / "src" / "yinwen"
CATALOG_PATH = ROOT / "data" / "messages.toml"
CATALOG = tomllib.loads(CATALOG_PATH.read_text(encoding="utf-8")) if CATALOG_PATH.is_file() else {}
# Exceptions whose text a user reads: they must carry a catalog message, never a string.
USER_ERRORS = {"ConfigError", "CorpusError", "BaselineError", "CommandError", "OutputError", "AnnotateError",
               "FormulationError"}
# Functions that print a message to the user.
SAYERS = {"fail", "say"}


# Messages whose English form quotes a library's own (English) reason as {detail}.
ENGLISH_DETAIL = {"input-undecodable"}


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_there_is_one_catalog_of_every_message():
    assert CATALOG_PATH.is_file() and len(CATALOG) > 100


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_message_has_both_forms_with_the_same_fields(key):
    entry = CATALOG[key]
    assert set(entry) == {"zh", "en"}, key
    words = re.sub(r"\{[^}]*\}", "", entry["zh"])  # fields are filled in; what is left is the message's own
    assert CJK.search(words) or not re.search(r"[A-Za-z]{3,}", words), f"{key}: zh form is not Chinese"
    assert not CJK.search(entry["en"].replace("“", "").replace("”", "")), f"{key}: en form has Chinese in it"
    if key.startswith("os-"):
        # The English form of an operating-system reason is the system's own text; the Chinese is ours.
        assert fields(entry["en"]) == {"detail"} and fields(entry["zh"]) <= {"detail"}
    elif key in ENGLISH_DETAIL:
        # The English form quotes a library's own reason, which the Chinese form says in its own words.
        assert fields(entry["en"]) - fields(entry["zh"]) == {"detail"}
    else:
        assert fields(entry["zh"]) == fields(entry["en"]), key


def _literal_keys(node: ast.AST) -> list[str] | None:
    """The message keys a call argument names: a string, or either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        left, right = _literal_keys(node.body), _literal_keys(node.orelse)
        return None if left is None or right is None else left + right
    return None


# Functions that pass a key they were given on to the catalog (their callers' keys are checked instead).
PASS_THROUGH = {"problem", "both", "os_reason"}


def _calls():
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        passing = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name in PASS_THROUGH
                   for n in ast.walk(f)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and id(node) not in passing:
                name = node.func.id if isinstance(node.func, ast.Name) else \
                    node.func.attr if isinstance(node.func, ast.Attribute) else ""
                yield path.relative_to(SRC).as_posix(), node, name


def test_every_key_the_code_names_is_in_the_catalog_and_every_entry_is_used():
    named: set[str] = set()
    for where, node, name in _calls():
        if name in ("msg", "both") and node.args:
            keys = _literal_keys(node.args[0])
            assert keys is not None, f"{where}:{node.lineno}: {name}() needs a literal key"
            named.update(keys)
        elif name == "problem" and len(node.args) >= 4:
            named.update(_literal_keys(node.args[3]) or [])
    missing = named - set(CATALOG)
    assert not missing, f"keys not in data/messages.toml: {sorted(missing)}"
    literals = {n.value for p in SRC.rglob("*.py") for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    unused = set(CATALOG) - literals
    assert not unused, f"catalog entries no code uses: {sorted(unused)}"


def _is_text(node: ast.AST) -> bool:
    """A string the code wrote in one language: a literal, or an f-string with words of its own (the
    program's name before a message, ``f"yinwen: {message}"``, is not words)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        own = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        return own.replace("yinwen:", "").strip() != ""
    return False


def test_no_message_bypasses_the_catalog():
    """Every error a user reads carries a catalog message, and nothing prints text of its own to stderr."""
    found = []
    for where, node, name in _calls():
        first = node.args[0] if node.args else None
        if name in USER_ERRORS | SAYERS and first is not None and _is_text(first):
            found.append(f"{where}:{node.lineno}: {name}({ast.unparse(first)[:60]})")
        if name == "ValueError" and where.startswith(("config/", "diagnostics")) and first is not None and _is_text(first):
            found.append(f"{where}:{node.lineno}: ValueError with a string (the config shows it to the user)")
        if name == "echo" and any(k.arg == "err" for k in node.keywords) and first is not None and _is_text(first):
            found.append(f"{where}:{node.lineno}: typer.echo(err=True) with its own text; use say(msg(...))")
        if name == "write" and isinstance(node.func, ast.Attribute) and "stderr" in ast.unparse(node.func) \
                and first is not None and _is_text(first):
            found.append(f"{where}:{node.lineno}: sys.stderr.write with its own text")
        if name == "append" and "errors" in ast.unparse(node.func) and first is not None and _is_text(first):
            found.append(f"{where}:{node.lineno}: a usage error as a string")
    assert not found, "\n".join(found)


def test_every_rule_is_documented_in_chinese():
    from yinwen.cli.rule_docs import rule_page
    from yinwen.rules import registry

    for code, rule in registry().items():
        assert rule.doc_zh.strip() and "原因：" in rule.doc_zh, code
        page = rule_page(rule, "zh")
        assert english_lines(page) == [], (code, english_lines(page))


# --- run the way a newcomer meets yinwen ---------------------------------------------------------------


CHINESE_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def yinwen(*args: str, cwd: Path, monkeypatch, env: dict | None = None):
    """The console script's entry (main), so click's own usage errors are part of what is read."""
    monkeypatch.chdir(cwd)
    return run_main(*args, env={**CHINESE_LOCALE, "YINWEN_USER_CORPUS": str(cwd / "user-corpus"), **(env or {})})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("newcomer")
    (work / "draft.txt").write_text(MISQUOTE_TEXT + "认真学习党的二十大大报告。\n", encoding="utf-8")
    (work / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (work / "bad-config").mkdir()
    (work / "bad-config" / "yinwen.toml").write_text('selct = ["YW101"]\nfail-on = "fatal"\n', encoding="utf-8")
    (work / "bad-config" / "d.txt").write_text(MISQUOTE_TEXT, encoding="utf-8")
    (work / "not-json.json").write_text("{", encoding="utf-8")
    (work / "speech.txt").write_text("同志们：\n\n今天我们召开会议。\n", encoding="utf-8")
    return work


# Each scenario: its arguments and the exit code it must give. Messages are read on stderr (stdout holds
# the report and data such as a source's licence text); the text report's own lines are checked too.
SCENARIOS = [
    (["check", "draft.txt"], 1),
    (["check", "draft.txt", "missing.txt"], 2),
    (["check", "bad-config/d.txt"], 2),
    (["check", "draft.txt", "--baseline", "none.json"], 2),
    (["check", "draft.txt", "--baseline", "not-json.json"], 2),
    (["check", "draft.txt", "--write-baseline", "baseline.json"], 0),
    (["check", "draft.txt", "--baseline", "baseline.json"], 0),
    (["check", "broken.docx", "--annotate", "out.docx"], 2),
    (["check", "draft.txt", "--annotate", "out.docx"], 2),
    (["check", "draft.txt", "--format", "nope"], 2),
    (["check", "draft.txt", "--fail-on", "fatal"], 2),
    (["check", "draft.txt", "--select", "YW999"], 2),
    (["check", "draft.txt", "--bogus"], 2),
    (["check"], 2),
    (["chek", "draft.txt"], 2),
    (["check", "draft.txt", "--jobs", "-3"], 2),
    (["check", "draft.txt", "--html-report", "no-such-dir/r.html"], 2),
    (["cite", "draft.txt", "missing.txt"], 2),
    (["config", "bad-config/d.txt"], 2),
    (["rule", "YW999"], 2),
    (["rule", "YW201"], 0),
    (["rule", "YW002"], 0),
    (["rules"], 0),
    (["corpus", "show", "no-such-id"], 2),
    (["corpus", "add", "speech.txt", "--title", "讲话", "--date", "yesterday"], 2),
    (["corpus", "add", "missing.txt", "--title", "讲话"], 2),
    (["corpus", "add", "speech.txt"], 2),
    (["corpus", "search", "以斗争求安全则安全存"], 0),
    (["corpus", "stats"], 0),
]


@pytest.mark.parametrize(("args", "code"), SCENARIOS, ids=[" ".join(a) for a, _ in SCENARIOS])
def test_a_chinese_run_prints_no_english_line(workdir, monkeypatch, args, code):
    done = yinwen(*args, cwd=workdir, monkeypatch=monkeypatch)
    assert done.code == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert english_lines(done.stderr) == []
    if args[0] != "corpus" or args[1] != "show":
        assert english_lines(done.stdout) == []
    if done.code == 2:
        assert done.stderr.strip() or done.stdout.strip(), "exit 2 must say why"


@pytest.mark.parametrize(("args", "code"), SCENARIOS, ids=[" ".join(a) for a, _ in SCENARIOS])
def test_an_english_run_says_the_same_in_english(workdir, monkeypatch, args, code):
    if args[0] in ("chek",) or args == ["check"]:
        done = yinwen(*args, cwd=workdir, monkeypatch=monkeypatch, env={"LANG": "en_US.UTF-8"})
    else:
        done = yinwen(*args, "--lang", "en", cwd=workdir, monkeypatch=monkeypatch)
    assert done.code == code
    for line in done.stderr.splitlines():
        # Paths, quoted draft text and source titles are data; the message around them is English.
        shown = re.sub(r"“[^”]*”|《[^》]*》|\S*[/\\.]\S*|'[^']*'", "", line)
        assert not CJK.search(shown), line
