"""model.strings: what a string expression formats, piece by piece."""

from __future__ import annotations

import astroid
import pytest

from pylint_hybridize.model.syntax.strings import formatted, is_percent_template


def _pieces(expression: str):
    node = astroid.extract_node(f"x = y = z = 1\n{expression}")
    found = formatted(node)
    if found is None:
        return None
    return found.how, [(p.text if p.text is not None else p.value.as_string(), p.exact) for p in found.pieces]


@pytest.mark.parametrize(
    "expression, expected",
    [
        ('f"d {x}"', ("f-string", [("d ", True), ("x", True)])),
        ('f"{x!r} {y:.3f}"', ("f-string", [("x", False), (" ", True), ("y", False)])),
        ('f"{x!s}%"', ("f-string", [("x", True), ("%", True)])),
        ('"d %s, %d%%" % (x, y)', ("%-formatting", [("d ", True), ("x", True), (", ", True), ("y", False), ("%", True)])),
        ('"%(a)s!" % {"a": x}', ("%-formatting", [("x", True), ("!", True)])),
        ('"d %s" % x', ("%-formatting", [("d ", True), ("x", True)])),
        ('"{} and {1} {k}".format(x, y, k=z)', (".format()", [("x", True), (" and ", True), ("y", True), (" ", True), ("z", True)])),
        ('"{:.2f}".format(x)', (".format()", [("x", False)])),
        ('"s " + str(x) + "!"', ("str()", [("s ", True), ("x", True), ("!", True)])),
    ],
)
def test_pieces(expression, expected):
    assert _pieces(expression) == expected


@pytest.mark.parametrize(
    "expression",
    [
        '"plain"',  # nothing formatted
        '"a" + x',  # x may be a string tensor: tf's own concatenation, not formatting
        '"%s %s" % (x,)',  # wrong count: Python raises, no pieces
        '"{0.shape}".format(x)',  # attribute access in the field
        '"%*d" % (x, y)',
        '"{}".format(*x)',
        "str(x, 'utf-8')",
    ],
)
def test_not_taken_apart(expression):
    assert _pieces(expression) is None


@pytest.mark.parametrize(
    "expression, template",
    [('"d %s"', True), ('"100%"', True), ('"d {}"', False), ('f"d {x}"', False), ("x", False), ("1", False), ('b"%s"', False)],
)
def test_is_percent_template(expression, template):
    assert is_percent_template(astroid.extract_node(f"x = 1\n{expression}")) is template
