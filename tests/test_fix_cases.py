"""Golden before/after pairs for every fixable rule: ``tests/fix_cases/<symbol>.in.py`` fixed with
``--unsafe-fixes`` is ``<symbol>.out.py``, byte for byte (each ``.out.py`` was reviewed by hand:
only the flagged spans change, comments and spacing stay). Every rule that offers an edit has a pair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pylint_hybridize.apply import Policy, fix_source
from pylint_hybridize.engine import Engine
from tests.lint import our_symbols

CASES = Path(__file__).parent / "fix_cases"
PAIRS = sorted(p.name[: -len(".in.py")] for p in CASES.glob("*.in.py"))
ENGINE = Engine(enabled=our_symbols())


def _fix(source: str, name: str, unsafe: bool = True):
    return fix_source(source, str(CASES / name), ENGINE, policy=Policy(unsafe=unsafe))


@pytest.mark.parametrize("rule", PAIRS)
def test_golden_pair(rule: str):
    source = (CASES / f"{rule}.in.py").read_text(encoding="utf-8")
    expected = (CASES / f"{rule}.out.py").read_text(encoding="utf-8")
    result = _fix(source, f"{rule}.in.py")
    assert rule in {finding.symbol for finding in result.applied}
    assert result.fixed == expected
    again = _fix(expected, f"{rule}.in.py")
    assert again.fixed == expected  # idempotent
    assert rule not in {finding.symbol for finding in ENGINE.check_source(expected, str(CASES / f"{rule}.out.py"))} or (
        rule in {f.symbol for f in again.skipped}  # what is left is only what the fix cannot do (e.g. a spec)
    )


def test_every_fixable_rule_has_a_pair():
    """A rule whose findings carry edits (seen on the docs examples and the pairs) has a golden pair."""
    from tests.lint import DOCS_MESSAGES  # pylint: disable=import-outside-toplevel

    fixable = set()
    for bad in DOCS_MESSAGES.glob("*/bad.py"):
        for finding in ENGINE.check_source(bad.read_text(encoding="utf-8"), str(bad)):
            if finding.fix is not None and finding.fix.edits:
                fixable.add(finding.symbol)
    assert fixable <= set(PAIRS), sorted(fixable - set(PAIRS))
