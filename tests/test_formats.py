"""SARIF, GitHub annotations and rdjson built from real reports of the seed (issue 6, formats)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from tests.conftest import FIXTURES, SEED

SCHEMA = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_report(corpus):
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings

    return check_paths([str(SEED)], Settings(), corpus=corpus)


@pytest.fixture(scope="module")
def clean_report(corpus, tmp_path_factory):
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings

    path = tmp_path_factory.mktemp("clean") / "clean.txt"
    path.write_text("历史反复证明，“以斗争求安全则安全存，以妥协求安全则安全亡”。\n", encoding="utf-8")
    return check_paths([str(path)], Settings(), corpus=corpus)


@pytest.fixture(scope="module")
def crash_report(corpus):
    """The seed with one rule crashing: a YW000 diagnostic next to the other rules' findings."""
    from yinwen.cli.runner import check_paths
    from yinwen.config.settings import Settings
    from yinwen.rules import registry

    rule = registry()["YW201"]
    original = rule.check

    def explode(self, ctx):
        raise RuntimeError("boom")

    rule.check = explode
    try:
        return check_paths([str(SEED)], Settings(), corpus=corpus)
    finally:
        rule.check = original


def render(report, name: str, lang: str = "zh") -> str:
    from yinwen.report import RenderOptions, formatter

    return formatter(name)(report, RenderOptions(lang=lang))


@pytest.mark.parametrize("which", ["clean_report", "seed_report", "crash_report"])
def test_sarif_validates_against_the_official_schema(which, request):
    document = json.loads(render(request.getfixturevalue(which), "sarif"))
    jsonschema.validate(document, SCHEMA)
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_and_results(seed_report):
    from yinwen.rules import registry

    run = json.loads(render(seed_report, "sarif"))["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == list(registry())
    misquote = next(d for d in descriptors if d["id"] == "YW101")
    bad, good = registry()["YW101"].examples()
    assert bad in misquote["help"]["markdown"] and good in misquote["help"]["markdown"]
    assert misquote["defaultConfiguration"]["level"] == "error"
    codes = sorted(r["ruleId"] for r in run["results"])
    assert codes == sorted(d.code for d in seed_report.all_diagnostics())
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_region_related_location_and_fix_point_at_the_real_text(seed_report):
    text = SEED.read_text(encoding="utf-8")
    run = json.loads(render(seed_report, "sarif"))["runs"][0]
    (result,) = [r for r in run["results"]
                 if r["ruleId"] == "YW101" and "软弱退让" in r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert text[region["charOffset"]:region["charOffset"] + region["charLength"]].startswith("以斗争求安全")
    line_text = text.split("\n")[region["startLine"] - 1]
    assert line_text[region["startColumn"] - 1:].startswith("以斗争求安全")
    (related,) = result["relatedLocations"]
    logical = related["logicalLocations"][0]
    assert "二十届一中全会" in logical["name"]
    assert logical["fullyQualifiedName"].endswith("第18段") or "#" in logical["fullyQualifiedName"]
    assert "以妥协求安全则安全亡" in related["message"]["text"]
    (fix,) = result["fixes"]
    (replacement,) = fix["artifactChanges"][0]["replacements"]
    start, length = replacement["deletedRegion"]["charOffset"], replacement["deletedRegion"]["charLength"]
    fixed = text[:start] + replacement["insertedContent"]["text"] + text[start + length:]
    assert "以斗争求安全则安全存，以妥协求安全则安全亡" in fixed and "软弱退让" not in fixed


def test_sarif_stutter_fix_deletes_the_doubled_character(seed_report):
    text = SEED.read_text(encoding="utf-8")
    run = json.loads(render(seed_report, "sarif"))["runs"][0]
    (result,) = [r for r in run["results"] if r["ruleId"] == "YW201"]
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    start, length = replacement["deletedRegion"]["charOffset"], replacement["deletedRegion"]["charLength"]
    fixed = text[:start] + replacement["insertedContent"]["text"] + text[start + length:]
    assert "二十大报告" in fixed and "二十大大报告" not in fixed


def test_sarif_internal_error_is_a_notification_and_the_others_still_report(crash_report):
    run = json.loads(render(crash_report, "sarif"))["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "boom" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    codes = {r["ruleId"] for r in run["results"]}
    assert "YW000" in codes and "YW101" in codes and "YW201" not in codes


def test_sarif_of_a_clean_file_has_no_results(clean_report):
    run = json.loads(render(clean_report, "sarif"))["runs"][0]
    assert run["results"] == []


@pytest.mark.parametrize("name", ["sarif", "github", "rdjson", "json"])
def test_output_is_deterministic_and_has_no_timestamps(seed_report, name):
    first, second = render(seed_report, name), render(seed_report, name)
    assert first == second
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", first)


def test_github_annotations(seed_report):
    lines = render(seed_report, "github").splitlines()
    assert len(lines) == len(seed_report.all_diagnostics())
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=(YW\d{3})::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    softness = next(m for m in parsed if "软弱退让" not in m.group(6) and "以妥协求安全则安全亡" in m.group(6))
    assert softness.group(1) == "error" and softness.group(5) == "YW101"
    assert softness.group(2) == str(SEED)
    assert (int(softness.group(3)), int(softness.group(4))) == (19, 2)
    assert "%0A" in softness.group(6) and "\n" not in softness.group(6)


def test_github_escapes_properties_and_data():
    from yinwen.report.github import escape_data, escape_property

    assert escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    assert escape_data("x:y,z\r\n") == "x:y,z%0D%0A"


def test_rdjson_columns_are_utf8_bytes(seed_report):
    text = SEED.read_text(encoding="utf-8")
    document = json.loads(render(seed_report, "rdjson"))
    assert document["source"]["name"] == "yinwen"
    assert len(document["diagnostics"]) == len(seed_report.all_diagnostics())
    lines = text.split("\n")
    for diagnostic, original in zip(document["diagnostics"], sorted(seed_report.all_diagnostics(), key=lambda d: d.sort_key())):
        start = diagnostic["location"]["range"]["start"]
        line_bytes = lines[start["line"] - 1].encode("utf-8")
        assert line_bytes[start["column"] - 1:].decode("utf-8").startswith(text[original.span.start:original.span.end])
    misquote = next(d for d in document["diagnostics"] if d["code"]["value"] == "YW101" and "软弱" not in d["message"]
                    and d.get("suggestions") and "妥协" in d["suggestions"][0]["text"])
    assert misquote["severity"] == "ERROR"
