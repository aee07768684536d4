"""Annotated example files (flake8-bugbear / pylint functional style).

Every ``tests/functional/cases/**/*.py`` marks each line that must get a message with a
trailing ``# [symbol]``; every other line must get none. The same files go through
pylint and through the flake8 front-end, which must agree with the annotations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint import engine_hits, expected_hits, our_symbols, pylint_hits

CASES = sorted((Path(__file__).parent / "cases").rglob("*.py"))


def _case_id(path: Path) -> str:
    return str(path.relative_to(Path(__file__).parent / "cases"))


@pytest.fixture(scope="module")
def pylint_results():
    """One pylint run over all cases (cross-module cases need their package)."""
    return pylint_hits(CASES)


def test_cases_exist():
    assert len(CASES) >= 1


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_pylint_matches_annotations(case: Path, pylint_results):
    expected = expected_hits(case)
    actual = {hit for hit in pylint_results if hit.path == str(case.resolve())}
    assert sorted(actual) == sorted(expected)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_flake8_engine_matches_annotations(case: Path):
    expected = expected_hits(case)
    assert sorted(engine_hits([case])) == sorted(expected)


def test_annotations_name_real_symbols():
    known = set(our_symbols())
    for case in CASES:
        for hit in expected_hits(case):
            assert hit.symbol in known, f"{case}:{hit.line} names unknown symbol {hit.symbol}"
