"""Nothing trusted blindly, nothing lost (issue 8): no network, no code from data, no writes to inputs.

The whole check runs in a fresh interpreter under a CPython audit hook (``sys.addaudithook``), which
sees every socket, every file opened for writing, every rename/remove, every subprocess and every
unpickled class — whatever library does it. Nothing can remove the hook once it is installed. One
run builds a small corpus index from cold (the build path too), one uses the bundled corpus.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

CORPUS_FILES = ("xi-2022-10-23-first-plenum.txt", "xi-2023-04-03-theme-education.txt")

GUARD = r'''
import atexit, json, os, sys

log_path, allowed_roots = sys.argv[1], tuple(json.loads(sys.argv[2]))
sys.argv = ["yinwen", *sys.argv[3:]]
events = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def allowed(path):
    path = os.path.realpath(os.fsdecode(path))
    return path.endswith(".pyc") or path.startswith(allowed_roots)


def hook(event, args):
    if event.startswith("socket.") or event in ("subprocess.Popen", "os.system", "os.posix_spawn", "os.exec",
                                                 "os.fork", "pickle.find_class", "urllib.Request"):
        events.append([event, repr(args)[:200]])
        if event.startswith("socket."):
            raise OSError("network access is forbidden in this test")
    elif event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (mode is None and flags & WRITE_FLAGS)
        if writing and not allowed(args[0]):
            events.append([event, os.fsdecode(args[0]), str(mode), str(flags)])
    elif event in ("os.rename", "os.replace", "os.remove", "os.unlink", "os.rmdir", "os.chmod", "os.truncate",
                   "shutil.rmtree", "shutil.move"):
        paths = [a for a in args if isinstance(a, (str, bytes, os.PathLike))]
        if not all(allowed(p) for p in paths):
            events.append([event, repr(args)[:200]])


def dump():
    with open(log_path, "w", encoding="utf-8") as out:
        json.dump(events, out)


atexit.register(dump)
sys.addaudithook(hook)
from yinwen.cli.app import main
main()
'''


def guarded_check(tmp_path: Path, cache: Path, *args: str) -> tuple[subprocess.CompletedProcess, list]:
    """Run ``yinwen check --format json ARGS`` under the guard; returns the process and the forbidden events."""
    script = tmp_path / "guard.py"
    script.write_text(GUARD, encoding="utf-8")
    log = tmp_path / "events.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "YINWEN_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    roots = [os.path.realpath(cache) + os.sep, os.path.realpath(tmp_path / "events.json")]
    done = subprocess.run(
        [sys.executable, str(script), str(log), json.dumps(roots), "check", "--format", "json", *args],
        capture_output=True, env=env, timeout=300, cwd=tmp_path,
    )
    return done, json.loads(log.read_text(encoding="utf-8"))


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(directory).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    target = tmp_path / "drafts"
    shutil.copytree(FIXTURES / "bad-input", target)
    shutil.copy(ROOT / "seeds" / "000_c8461ed9f15da83a.txt", target / "seed.txt")
    return target


def test_whole_check_with_sockets_blocked_writes_nothing_but_the_cache(tmp_path: Path, inputs: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(ROOT / "data" / "corpus" / "modern" / name, corpus / name)
    before = snapshot(inputs)
    corpus_before = snapshot(corpus)
    cache = tmp_path / "cache"
    done, events = guarded_check(tmp_path, cache, "--corpus", str(corpus), str(inputs))
    assert events == []
    assert done.returncode == 2, done.stderr.decode()  # the bad inputs could not be checked
    report = json.loads(done.stdout)
    assert report["corpus"]["sources"] == 2
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert [d["code"] for d in by_name["utf8.txt"]["diagnostics"]] == ["YW101"]
    assert snapshot(inputs) == before and snapshot(corpus) == corpus_before
    assert any(cache.rglob("positions.bin")), "the index was built (under the guard) and cached"


def test_bundled_corpus_check_with_sockets_blocked(tmp_path: Path, inputs: Path) -> None:
    before = snapshot(inputs)
    done, events = guarded_check(tmp_path, Path(os.environ["YINWEN_CACHE_DIR"]), str(inputs / "seed.txt"))
    assert events == []
    assert done.returncode == 1, done.stderr.decode()
    (file,) = json.loads(done.stdout)["files"]
    assert [d["code"] for d in file["diagnostics"]].count("YW101") == 3
    assert snapshot(inputs) == before


def test_the_guard_itself_catches_sockets_writes_and_pickles(tmp_path: Path) -> None:
    """The hook is not vacuous: a connection, a write outside the cache, a rename and an unpickle are caught."""
    victim = tmp_path / "draft.txt"
    victim.write_text("原文", encoding="utf-8")
    misbehave = "\n".join([
        "import socket, pickle, pathlib, os",
        "try:",
        "    socket.create_connection(('127.0.0.1', 9))",
        "except OSError:",
        "    pass",
        f"pathlib.Path({str(victim)!r}).write_text('改过', encoding='utf-8')",
        f"os.replace({str(victim)!r}, {str(victim)!r} + '.bak')",
        "pickle.loads(pickle.dumps(pathlib.PurePosixPath('x')))",
    ])
    script = tmp_path / "guard.py"
    script.write_text(GUARD.replace("from yinwen.cli.app import main\nmain()", misbehave), encoding="utf-8")
    log = tmp_path / "events.json"
    subprocess.run([sys.executable, str(script), str(log), json.dumps([str(log)])], check=True, timeout=60)
    caught = {event[0].split(".")[0] if event[0].startswith("socket.") else event[0]
              for event in json.loads(log.read_text(encoding="utf-8"))}
    assert {"socket", "open", "os.rename", "pickle.find_class"} <= caught  # os.replace audits as os.rename


def test_corpus_metadata_is_data_not_code(tmp_path: Path) -> None:
    """Front matter and JSONL that look like code stay strings; nothing is evaluated or imported."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    canary = tmp_path / "PWNED"
    payload = f"__import__('os').system('touch {canary}')"
    (corpus / "evil.txt").write_text(
        f'+++\nid = "evil"\ntitle = "{payload}"\nspeaker = "{{{{7*7}}}}"\nkind = "article"\norigin = "test"\nlicence = "test"\n+++\n'
        "江山就是人民，人民就是江山。打铁必须自身硬。\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text("习近平总书记强调：“江山就是人民，人民就是江山。打铁必须自身硬。”\n", encoding="utf-8")
    done, events = guarded_check(tmp_path, tmp_path / "cache", "--corpus", str(corpus), str(draft))
    assert events == [] and not canary.exists()
    (file,) = json.loads(done.stdout)["files"]
    (quote,) = file["quotes"]
    assert quote["source"]["title"] == payload and quote["source"]["speaker"] == "{{7*7}}"


DANGEROUS = re.compile(r"\b(pickle|shelve|marshal|dill|cloudpickle|yaml\.load|eval|exec)\b|allow_pickle\s*=\s*True")


def test_no_code_executing_loader_in_the_source() -> None:
    """No module can execute data: no pickle/marshal/shelve, no eval/exec, .npy loads refuse pickles."""
    offenders = []
    for path in sorted((ROOT / "src" / "yinwen").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            code = line.split("#", 1)[0]
            if DANGEROUS.search(code) and "no pickle" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
    loads = [line for path in (ROOT / "src" / "yinwen").rglob("*.py")
             for line in path.read_text(encoding="utf-8").split("\n") if "np.load(" in line]
    assert loads and all("allow_pickle=False" in line for line in loads)
