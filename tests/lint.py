"""Run the plugin the ways users do, and collect (path, line, symbol) results."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pylint.lint import PyLinter, Run
from pylint.message import Message
from pylint.reporters import BaseReporter

from pylint_hybridize.checkers import register_all

REPO = Path(__file__).resolve().parent.parent
DOCS_MESSAGES = REPO / "docs" / "messages"
ANNOTATION = re.compile(r"#\s*\[([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\]")


@dataclass(frozen=True, order=True)
class Hit:
    path: str
    line: int
    symbol: str


class CollectingReporter(BaseReporter):
    name = "collect"

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def handle_message(self, msg: Message) -> None:
        self.messages.append(msg)

    def _display(self, layout) -> None:  # noqa: D401 - nothing to display
        pass


def our_symbols() -> list[str]:
    """Every message symbol the plugin defines, as pylint sees them (registered by the checkers)."""
    return list(_registered_symbols())


@functools.cache
def _registered_symbols() -> tuple[str, ...]:
    linter = PyLinter()
    register_all(linter)
    return tuple(sorted(d.symbol for d in linter.msgs_store.messages if d.checker_name.startswith("hybridize")))


def run_pylint(paths: Iterable[os.PathLike | str], extra_args: Iterable[str] = ()) -> list[Message]:
    reporter = CollectingReporter()
    args = [
        "--load-plugins=pylint_hybridize",
        "--disable=all",
        f"--enable={','.join(our_symbols())}",
        "--persistent=n",
        "--score=n",
        *extra_args,
        *map(str, paths),
    ]
    Run(args, reporter=reporter, exit=False)
    return reporter.messages


def pylint_hits(paths: Iterable[os.PathLike | str], extra_args: Iterable[str] = ()) -> set[Hit]:
    return {
        Hit(os.path.abspath(m.abspath), m.line, m.symbol)
        for m in run_pylint(paths, extra_args)
        if m.symbol in set(our_symbols())
    }


def engine_hits(paths: Iterable[os.PathLike | str], extra_decorators: list[str] | None = None) -> set[Hit]:
    """The flake8/fix front-end's findings, through the same Engine flake8 uses."""
    from pylint_hybridize.engine import Engine

    engine = Engine(extra_decorators=extra_decorators, enabled=our_symbols())
    hits = set()
    for path in paths:
        source = Path(path).read_text(encoding="utf-8")
        for finding in engine.check_source(source, path=os.path.abspath(path)):
            hits.add(Hit(os.path.abspath(path), finding.line, finding.symbol))
    return hits


def expected_hits(path: os.PathLike | str) -> set[Hit]:
    """``# [symbol]`` / ``# [a, b]`` annotations: the reviewed expectations of a test file."""
    hits = set()
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        match = ANNOTATION.search(line)
        if match:
            for symbol in match.group(1).split(","):
                hits.add(Hit(os.path.abspath(path), number, symbol.strip()))
    return hits
