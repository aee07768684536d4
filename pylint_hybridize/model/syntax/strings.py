"""What a string expression formats: the literal text and the values it converts to text.

``f"d {x}"``, ``"d %s" % x``, ``"d {}".format(x)``, ``str(x)`` and ``+`` concatenations of those
(and of string literals) are taken apart into pieces, in order. A value piece is ``exact`` when the
text is plain ``str(value)`` (no format spec, no ``!r``, ``%s`` without width or precision): then
``tf.print`` given the value prints the same text. This module answers two questions: is a tensor
formatted into Python text (``tensor-formatted-at-trace-time``), and how a ``print``/``tf.print``
of formatted text is rewritten into ``tf.print``'s own arguments (``fixes.tf_print_rewrite``).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.syntax import names

_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[#0\- +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?"
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)


@dataclass(frozen=True)
class Piece:
    text: str | None = None
    """The literal text, or None for a value."""
    value: nodes.NodeNG | None = None
    exact: bool = True
    """For a value: formatted as plain ``str(value)``."""


@dataclass(frozen=True)
class Formatted:
    pieces: tuple[Piece, ...]
    how: str
    """``f-string``, ``%-formatting``, ``.format()``, ``str()``."""

    @property
    def values(self) -> list[Piece]:
        return [piece for piece in self.pieces if piece.text is None]


def formatted(expr: nodes.NodeNG) -> Formatted | None:
    """The pieces of ``expr`` when it formats at least one value into text, else None."""
    result = _pieces(expr)
    if result is None or not any(piece.text is None for piece in result[0]):
        return None
    return Formatted(tuple(_merge(result[0])), result[1])


def is_percent_template(expr: nodes.NodeNG) -> bool:
    """A string literal with a ``%`` in it: as a log call's first argument, the template that logging's
    lazy %-formatting fills with the call's other arguments (``logging.info("d %s", x)``)."""
    return isinstance(expr, nodes.Const) and isinstance(expr.value, str) and "%" in expr.value


def _merge(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if piece.text is not None and merged and merged[-1].text is not None:
            merged[-1] = Piece(text=merged[-1].text + piece.text)
        elif piece.text != "":
            merged.append(piece)
    return merged


def _pieces(expr: nodes.NodeNG) -> tuple[list[Piece], str] | None:  # pylint: disable=too-many-return-statements
    if isinstance(expr, nodes.Const) and isinstance(expr.value, str):
        return [Piece(text=expr.value)], "literal"
    if isinstance(expr, nodes.JoinedStr):
        return _joined(expr)
    if isinstance(expr, nodes.BinOp) and expr.op == "%" and _is_str(expr.left):
        return _percent(expr.left.value, expr.right)
    if isinstance(expr, nodes.BinOp) and expr.op == "+":
        left, right = _pieces(expr.left), _pieces(expr.right)
        if left is None or right is None:
            return None
        how = left[1] if left[1] != "literal" else right[1]
        return left[0] + right[0], how
    if isinstance(expr, nodes.Call) and not any(isinstance(a, nodes.Starred) for a in expr.args):
        if isinstance(expr.func, nodes.Attribute) and expr.func.attrname == "format" and _is_str(expr.func.expr):
            return _format(expr.func.expr.value, expr)
        if names.builtin_name(expr.func) == "str" and len(expr.args) == 1 and not expr.keywords:
            return [Piece(value=expr.args[0])], "str()"
    return None


def _is_str(node: nodes.NodeNG) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def _joined(expr: nodes.JoinedStr) -> tuple[list[Piece], str] | None:
    pieces = []
    for value in expr.values:
        if isinstance(value, nodes.Const):
            pieces.append(Piece(text=str(value.value)))
        elif isinstance(value, nodes.FormattedValue):
            exact = value.conversion in (-1, None, ord("s")) and value.format_spec is None
            pieces.append(Piece(value=value.value, exact=exact))
        else:
            return None
    return pieces, "f-string"


def _percent(template: str, right: nodes.NodeNG) -> tuple[list[Piece], str] | None:
    if isinstance(right, nodes.Tuple):
        values: list[nodes.NodeNG] | dict[str, nodes.NodeNG] = list(right.elts)
    elif isinstance(right, nodes.Dict):
        values = {}
        for key, value in right.items:
            if not _is_str(key):
                return None
            values[key.value] = value
    else:
        values = [right]
    pieces: list[Piece] = []
    position, index = 0, 0
    for match in _PERCENT.finditer(template):
        pieces.append(Piece(text=template[position:match.start()]))
        position = match.end()
        if match.group("type") == "%":
            pieces.append(Piece(text="%"))
            continue
        if "*" in (match.group("width") or "", match.group("precision") or ""):
            return None
        plain = not (match.group("flags") or match.group("width") or match.group("precision"))
        exact = match.group("type") == "s" and plain
        if isinstance(values, dict):
            if match.group("key") not in values:
                return None
            pieces.append(Piece(value=values[match.group("key")], exact=exact))
        else:
            if match.group("key") is not None or index >= len(values):
                return None
            pieces.append(Piece(value=values[index], exact=exact))
            index += 1
    if not isinstance(values, dict) and index != len(values):
        return None
    pieces.append(Piece(text=template[position:]))
    return pieces, "%-formatting"


def _format(template: str, call: nodes.Call) -> tuple[list[Piece], str] | None:
    keywords = {keyword.arg: keyword.value for keyword in call.keywords or ()}
    if None in keywords:
        return None  # **kwargs
    pieces: list[Piece] = []
    automatic = 0
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    for literal, field_name, spec, conversion in parsed:
        pieces.append(Piece(text=literal))
        if field_name is None:
            continue
        if field_name == "":
            key: int | str = automatic
            automatic += 1
        elif field_name.isdigit():
            key = int(field_name)
        elif field_name.isidentifier():
            key = field_name
        else:
            return None  # {0.shape}, {a[0]}
        if isinstance(key, int):
            if key >= len(call.args):
                return None
            value = call.args[key]
        elif key in keywords:
            value = keywords[key]
        else:
            return None
        pieces.append(Piece(value=value, exact=not spec and conversion in (None, "s")))
    return pieces, ".format()"
