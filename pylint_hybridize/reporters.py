"""SARIF 2.1.0 output for code scanning (GitHub, GitLab, Azure DevOps), and ``check``'s JSON.

    pylint --load-plugins=pylint_hybridize --output-format=pylint_hybridize.reporters.SarifReporter ...
    pylint-hybridize check --format sarif PATH
    pylint-hybridize check --format json PATH

Files that could not be checked (``check`` knows them: not readable, binary, does not parse) are
in both: SARIF ``invocations[0].toolExecutionNotifications`` (with ``executionSuccessful`` false),
JSON ``notChecked``; an upload of a run that skipped a file does not look clean.

Rules carry the first sentence of their description as ``shortDescription``, the whole
description as ``fullDescription``, and their page (``docs/messages/<symbol>/details.md``) as
``help`` (``markdown`` and plain ``text``); this plugin's rules take all of it, their flake8
code and their fix safety from their records (``pylint_hybridize.rules``). There is no
``helpUri``: the project has no published documentation site, and a link must not point at a page
that does not exist.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from pylint.reporters import BaseReporter

from pylint_hybridize import __version__
from pylint_hybridize.ruledocs import plain_text, rule_page, summary
from pylint_hybridize.registry import rule_named

if TYPE_CHECKING:
    from pylint.message import Message
    from pylint.reporters.ureports.nodes import Section

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"E": "error", "F": "error", "W": "warning", "R": "note", "C": "note", "I": "note"}


class _CollectingReporter(BaseReporter):
    """Collects pylint messages; writes one document at the end of the run, no textual reports."""

    def __init__(self, output: Any = None) -> None:
        super().__init__(output)
        self.messages: list[Message] = []

    def handle_message(self, msg: Message) -> None:
        self.messages.append(msg)

    def display_reports(self, layout: Section) -> None:
        """No textual reports."""

    def _display(self, layout: Section) -> None:
        """No textual reports."""


class SarifReporter(_CollectingReporter):
    """Writes one SARIF log at the end of the run."""

    name = "sarif"
    extension = "sarif"

    def display_messages(self, layout: Section | None) -> None:
        print(json.dumps(self.sarif_log(), indent=2), file=self.out)

    def sarif_log(self) -> dict[str, Any]:
        not_checked = not_checked_files(self)
        rules: dict[str, dict[str, Any]] = {}
        results = []
        for message in self.messages:
            if message.msg_id not in rules:
                rules[message.msg_id] = self._rule(message)
            results.append(
                {
                    "ruleId": message.msg_id,
                    "ruleIndex": list(rules).index(message.msg_id),
                    "level": _LEVELS.get(message.category[:1].upper(), _LEVELS.get(message.msg_id[:1], "warning")),
                    "message": {"text": message.msg},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": message.path.replace(os.sep, "/")},
                                "region": _region(message),
                            }
                        }
                    ],
                }
            )
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "pylint-hybridize",
                            "version": __version__,
                            "rules": list(rules.values()),
                        }
                    },
                    "results": results,
                    "invocations": [
                        {
                            "executionSuccessful": not not_checked,
                            "toolExecutionNotifications": [
                                {
                                    "level": "error",
                                    "message": {"text": f"could not check {problem}"},
                                    "locations": [{"physicalLocation": {"artifactLocation": {
                                        "uri": problem.split(":", 1)[0].replace(os.sep, "/")}}}],
                                }
                                for problem in not_checked
                            ],
                        }
                    ],
                }
            ],
        }

    def _rule(self, message: Message) -> dict[str, Any]:
        rule: dict[str, Any] = {
            "id": message.msg_id,
            "name": message.symbol,
            "shortDescription": {"text": message.symbol.replace("-", " ")},
            "properties": {"symbol": message.symbol},
        }
        ours = rule_named(message.msg_id)
        if ours is not None:
            rule["shortDescription"] = {"text": ours.summary}
            rule["fullDescription"] = {"text": ours.description}
            rule["properties"].update(flake8Code=ours.flake8_code, fixSafety=ours.fix_safety)
            page = rule_page(ours.symbol)
            if page is not None:
                rule["help"] = {"text": plain_text(page), "markdown": page}
            else:
                rule["help"] = {"text": ours.description}
            return rule
        linter = getattr(self, "linter", None)
        try:
            definition = linter.msgs_store.get_message_definitions(message.msg_id)[0] if linter else None
        except Exception:  # pylint: disable=broad-except  # a message we cannot describe keeps its short form
            definition = None
        if definition is None:
            return rule
        rule["shortDescription"] = {"text": summary(definition.description)}
        rule["fullDescription"] = {"text": definition.description}
        return rule


def not_checked_files(reporter: BaseReporter) -> list[str]:
    """``<path>: <why>`` for the files the run could not check (``check``'s linter knows them)."""
    linter = getattr(reporter, "linter", None)
    walk = getattr(linter, "walk", None)
    found = list(getattr(walk, "problems", ()) or ())
    failures = getattr(getattr(linter, "filter", None), "failures", None)
    return found + list(failures or ())


class JSONReporter(_CollectingReporter):
    """pylint's ``json2`` layout (``messages``, ``statistics``) for ``check --format json``, counting
    the messages shown and the files checked, plus ``notChecked``: the files that could not be."""

    name = "hybridize-json"
    extension = "json"

    def display_messages(self, layout: Section | None) -> None:
        counts = dict.fromkeys(("fatal", "error", "warning", "refactor", "convention", "info"), 0)
        for message in self.messages:
            counts[message.category] = counts.get(message.category, 0) + 1
        linter = getattr(self, "linter", None)
        files = getattr(linter, "files", None)
        modules = len(files) if files is not None else len(getattr(getattr(linter, "stats", None), "by_module", ()))
        output = {
            "messages": [_json_message(message) for message in self.messages],
            "statistics": {"messageTypeCount": counts, "modulesLinted": modules},
            "notChecked": not_checked_files(self),
        }
        print(json.dumps(output, indent=4), file=self.out)


def _json_message(message: Message) -> dict[str, Any]:
    return {
        "type": message.category,
        "symbol": message.symbol,
        "message": message.msg or "",
        "messageId": message.msg_id,
        "confidence": message.confidence.name,
        "module": message.module,
        "obj": message.obj,
        "line": message.line,
        "column": message.column,
        "endLine": message.end_line,
        "endColumn": message.end_column,
        "path": message.path,
        "absolutePath": message.abspath,
    }


def _region(message: Message) -> dict[str, int]:
    region = {"startLine": max(message.line or 1, 1), "startColumn": (message.column or 0) + 1}
    if message.end_line:
        region["endLine"] = message.end_line
    if message.end_column is not None and message.end_line:
        region["endColumn"] = message.end_column + 1
    return region


def register(linter: Any) -> None:
    """Lets ``--load-plugins=pylint_hybridize.reporters`` register the reporter by name."""
    linter.register_reporter(SarifReporter)
    linter.register_reporter(JSONReporter)
