"""One message per node and symbol, however many paths lead a checker to it (issue 15)."""

from __future__ import annotations

import astroid
from pylint.testutils import UnittestLinter

from pylint_hybridize.checkers.decorators import DecoratorsChecker


def _checker() -> tuple[DecoratorsChecker, UnittestLinter]:
    linter = UnittestLinter()
    checker = DecoratorsChecker(linter)
    linter.register_checker(checker)
    checker.open()
    return checker, linter


def test_same_node_and_symbol_reported_once():
    module = astroid.parse("def f(x):\n    return x\n")
    checker, linter = _checker()
    function = module.body[0]
    for _ in range(2):  # e.g. two tf.function(...) wrappers of one def
        checker.report("barren-tf-function", function, args=("f", "remove it"))
    assert [m.msg_id for m in linter.release_messages()] == ["barren-tf-function"]


def test_other_symbol_or_node_still_reported():
    module = astroid.parse("def f(x):\n    return x\n\ndef g(x):\n    return x\n")
    checker, linter = _checker()
    checker.report("barren-tf-function", module.body[0], args=("f", "remove it"))
    checker.report("barren-tf-function", module.body[1], args=("g", "remove it"))
    checker.report("redundant-tf-function", module.body[0], args=("f", "callers: h", "remove it"))
    assert len(linter.release_messages()) == 3


def test_a_new_run_reports_again():
    """astroid may hand back the same cached module to a second run: open() starts afresh."""
    module = astroid.parse("def f(x):\n    return x\n")
    checker, linter = _checker()
    checker.report("barren-tf-function", module.body[0], args=("f", "remove it"))
    checker.open()
    checker.report("barren-tf-function", module.body[0], args=("f", "remove it"))
    assert len(linter.release_messages()) == 2
