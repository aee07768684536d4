"""Each message, enabled alone, fires on exactly the lines where the all-enabled run reports it.

Over every docs example (``docs/messages/*/*.py``) and every functional case, through pylint
(``--disable=all --enable=<symbol>``) and through the engine that flake8 and ``fix`` use. A visit
method whose ``only_required_for_messages`` list misses a message it reports makes that message
silent when it is enabled alone (pylint skips the method); this test catches such a list.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pylint.lint import Run

from tests.lint import REPO, CollectingReporter, Hit, our_symbols

FILES = sorted((REPO / "tests" / "functional" / "cases").rglob("*.py")) + sorted(
    (REPO / "docs" / "messages").glob("*/*.py")
)


def _pylint_hits(enabled: list[str]) -> set[Hit]:
    reporter = CollectingReporter()
    args = ["--load-plugins=pylint_hybridize", "--disable=all", f"--enable={','.join(enabled)}",
            "--persistent=n", "--score=n", *map(str, FILES)]
    Run(args, reporter=reporter, exit=False)
    ours = set(our_symbols())
    return {Hit(os.path.abspath(m.abspath), m.line, m.symbol) for m in reporter.messages if m.symbol in ours}


def _engine_hits(enabled: list[str]) -> set[Hit]:
    from pylint_hybridize.engine import Engine

    symbols = our_symbols()
    engine = Engine(enabled=enabled, disabled=[s for s in symbols if s not in enabled])
    hits = set()
    for path in FILES:
        source = path.read_text(encoding="utf-8")
        for finding in engine.check_source(source, path=os.path.abspath(path)):
            hits.add(Hit(os.path.abspath(path), finding.line, finding.symbol))
    return hits


@pytest.fixture(scope="module")
def all_enabled() -> set[Hit]:
    return _pylint_hits(our_symbols())


@pytest.fixture(scope="module")
def all_enabled_engine() -> set[Hit]:
    return _engine_hits(our_symbols())


def test_every_message_fires_somewhere(all_enabled: set[Hit]):
    """Otherwise the solo comparison below would be vacuous for that message."""
    assert {hit.symbol for hit in all_enabled} == set(our_symbols())


@pytest.mark.parametrize("symbol", our_symbols())
def test_pylint_solo_enable(symbol: str, all_enabled: set[Hit]):
    expected = sorted(hit for hit in all_enabled if hit.symbol == symbol)
    alone = sorted(hit for hit in _pylint_hits([symbol]))
    assert alone == expected


@pytest.mark.parametrize("symbol", our_symbols())
def test_engine_solo_enable(symbol: str, all_enabled_engine: set[Hit]):
    expected = sorted(hit for hit in all_enabled_engine if hit.symbol == symbol)
    assert sorted(_engine_hits([symbol])) == expected
