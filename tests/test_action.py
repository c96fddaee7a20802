"""The GitHub Action's own shell steps, run with a stand-in ``yinwen`` on PATH (issue 6, integrations).

setup-python, pip and the SARIF upload are GitHub's; what is ours is the script that runs yinwen,
captures its exit code for the last step, and writes the SARIF file the upload step reads.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import jsonschema
import pytest
import yaml

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT
from tests.conftest import FIXTURES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def step(step_id: str | None = None, name: str | None = None) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if (step_id and s.get("id") == step_id) or (name and s.get("name") == name))


@pytest.fixture()
def shim(tmp_path):
    """A ``yinwen`` executable that runs this checkout."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "yinwen"
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" -m yinwen "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def run_step(body: str, cwd, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-c", body], cwd=cwd, env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=120)


def inputs(**values: str) -> dict:
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    defaults.update(values)
    return defaults


def test_fail_on_input_overrides_the_config_only_when_given(tmp_path, shim):
    work = tmp_path / "work"
    (work / "docs").mkdir(parents=True)
    (work / "docs" / "speech.md").write_text("认真学习党的二十大大报告。\n", encoding="utf-8")
    (work / "yinwen.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    for fail_on, expected in (("", "1"), ("error", "0")):
        output = tmp_path / f"out-{fail_on or 'default'}"
        values = inputs(paths="docs/", **{"fail-on": fail_on})
        env = {"PATH": f"{shim}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(output), "PATHS": values["paths"],
               "FORMAT": values["format"], "FAIL_ON": values["fail-on"], "ARGS": "", "SARIF_FILE": "x.sarif"}
        assert run_step(step("check")["run"], work, env).returncode == 0
        assert output.read_text(encoding="utf-8").strip() == f"exit-code={expected}", fail_on


@pytest.mark.parametrize(("text", "expected"), [(MISQUOTE_TEXT, "1"), (CLEAN_TEXT, "0")])
@pytest.mark.parametrize("output_format", ["sarif", "github"])
def test_check_step_records_the_exit_code_and_writes_the_report(tmp_path, shim, output_format, text, expected):
    work = tmp_path / "work"
    (work / "docs").mkdir(parents=True)
    (work / "docs" / "speech.md").write_text(text, encoding="utf-8")
    output = tmp_path / "github_output"
    values = inputs(paths="docs/", format=output_format)
    env = {"PATH": f"{shim}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(output),
           "PATHS": values["paths"], "FORMAT": values["format"], "FAIL_ON": values["fail-on"], "ARGS": values["args"],
           "SARIF_FILE": values["sarif-file"]}
    done = run_step(step("check")["run"], work, env)
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8").strip() == f"exit-code={expected}"
    if output_format == "sarif":
        document = json.loads((work / "yinwen.sarif").read_text(encoding="utf-8"))
        schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]}
        assert uris == ({"docs/speech.md"} if expected == "1" else set())
    else:
        assert ("::error file=docs/speech.md,line=1," in done.stdout) == (expected == "1")
    final = run_step(step(name="Fail on findings")["run"], work, {"CODE": expected})
    assert final.returncode == int(expected)


def test_action_wires_inputs_through_the_environment():
    """Inputs reach the shell only as environment variables, never spliced into the script."""
    for s in ACTION["runs"]["steps"]:
        assert "${{ inputs." not in s.get("run", "")
    upload = step(name="Upload SARIF")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "always()" in upload["if"]
