"""Run action.yml's steps the way a GitHub runner would, without one: each step's ``if:``, its ``env:``
expressions, ``$GITHUB_OUTPUT`` between steps, and a failed step skipping the steps that do not ask for
``always()``. Shell steps run in bash as GitHub runs them (``bash -e -o pipefail``). What is GitHub's is
stood in for: setup-python by the test's own Python, the pip install by a ``yinwen`` on PATH that runs
this checkout, and the SARIF upload by a check of what codeql-action's upload would refuse (a missing,
empty or invalid SARIF file).
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.conftest import FIXTURES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
TOKEN = re.compile(r"\s*(?:(?P<str>'[^']*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<call>(?:always|success|failure)\(\))"
                   r"|(?P<ctx>[A-Za-z_][\w.-]*))")


@dataclass
class StepRun:
    name: str
    ran: bool
    code: int = 0
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class JobRun:
    steps: list[StepRun]
    failed: bool

    def step(self, step_id: str) -> StepRun:
        """A step by its id; ``upload`` and ``explain`` are also found by what they are (the SARIF upload,
        the last step), so an action.yml without those ids is still judged on what it does."""
        steps = ACTION["runs"]["steps"]
        index = next((i for i, s in enumerate(steps) if s.get("id") == step_id), None)
        if index is None and step_id == "upload":
            index = next(i for i, s in enumerate(steps) if "upload-sarif" in s.get("uses", ""))
        if index is None and step_id == "explain":
            index = len(steps) - 1
        assert index is not None, f"action.yml has no step {step_id}"
        return self.steps[index]

    def log(self) -> str:
        return "\n".join(run.stdout + run.stderr for run in self.steps if run.ran)


def shim(bin_dir: Path) -> Path:
    """``yinwen`` and ``python`` on PATH running this checkout (what the install step would provide)."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    for name, command in (("yinwen", f'"{sys.executable}" -m yinwen'), ("python", f'"{sys.executable}"')):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec {command} "$@"\n', encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def run_action(work: Path, bin_dir: Path, **given: str) -> JobRun:
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | given
    outputs: dict[str, dict[str, str]] = {}
    runs: list[StepRun] = []
    failed = False
    for index, spec in enumerate(ACTION["runs"]["steps"]):
        name = spec.get("name") or spec.get("uses")
        context = {"inputs": inputs, "steps": outputs, "github": {"action_path": str(ROOT)}}
        if not _condition(spec.get("if", "success()"), context, failed):
            runs.append(StepRun(name, ran=False))
            continue
        run = _run_step(spec, name, work, bin_dir, context, index)
        runs.append(run)
        if "id" in spec:
            outputs[spec["id"]] = {"outputs": run.outputs}
        failed = failed or run.code != 0
    return JobRun(runs, failed)


def _run_step(spec: dict, name: str, work: Path, bin_dir: Path, context: dict, index: int) -> StepRun:
    uses = spec.get("uses", "")
    if uses.startswith("actions/setup-python"):
        return StepRun(name, ran=True)
    if uses.startswith("github/codeql-action/upload-sarif"):
        return _upload(name, work / _expand(spec["with"]["sarif_file"], context))
    if "pip install" in spec.get("run", ""):
        return StepRun(name, ran=True)  # stood in for by the shim on PATH
    output_file = work.parent / f"github-output-{index}"
    output_file.write_text("", encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(output_file),
           "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    env |= {key: _expand(str(value), context) for key, value in spec.get("env", {}).items()}
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", spec["run"]], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)
    outputs = dict(line.split("=", 1) for line in output_file.read_text(encoding="utf-8").splitlines() if "=" in line)
    return StepRun(name, True, done.returncode, done.stdout, done.stderr, outputs)


def _upload(name: str, sarif: Path) -> StepRun:
    """What codeql-action/upload-sarif refuses: no file, an empty one, or one that is not valid SARIF."""
    import jsonschema

    if not sarif.is_file() or sarif.stat().st_size == 0:
        return StepRun(name, True, 1, stderr=f"upload-sarif: {sarif.name} is missing or empty")
    try:
        schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(sarif.read_text(encoding="utf-8")), schema)
    except (ValueError, jsonschema.ValidationError) as error:
        return StepRun(name, True, 1, stderr=f"upload-sarif: invalid SARIF: {error}")
    return StepRun(name, True)


def _lookup(dotted: str, context: dict) -> str:
    value: object = context
    for part in dotted.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return str(value)


def _expand(text: str, context: dict) -> str:
    """``${{ inputs.x }}`` and the like, in an env value or a ``with:`` field."""
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: _lookup(m.group(1), context), text)


def _condition(expression: str, context: dict, failed: bool) -> bool:
    """GitHub's ``if:`` expression language, the part action.yml uses (string comparison ignores case)."""
    expression = expression.strip()
    if expression.startswith("${{") and expression.endswith("}}"):
        expression = expression[3:-2]
    python, rest, called = [], expression, False
    while rest.strip():
        token = TOKEN.match(rest)
        assert token, f"unsupported expression: {rest!r}"
        rest = rest[token.end():]
        if token.group("str") is not None:
            python.append(repr(token.group("str")[1:-1].lower()))
        elif token.group("op"):
            python.append({"&&": " and ", "||": " or ", "!": " not "}.get(token.group("op"), token.group("op")))
        elif token.group("call"):
            called = True
            call = token.group("call")
            python.append("True" if call == "always()" else repr(not failed if call == "success()" else failed))
        else:
            python.append(repr(_lookup(token.group("ctx"), context).lower()))
    value = bool(eval("".join(python), {"__builtins__": {}}))  # noqa: S307 - our own tokens only
    # Like GitHub: without a status function the expression is ANDed with success().
    return value if called else value and not failed
