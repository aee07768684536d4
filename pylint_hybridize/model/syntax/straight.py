"""The reaching binding of a name in straight-line function code, without astroid's scan.

astroid's ``lookup`` of a Name filters every binding of the name in its scope (``_filter_stmts``:
linear in the bindings, with ``are_exclusive`` per binding), so a function that rebinds ``y`` k
times (``y = f(y); y = g(y); ...``) costs k² over its k uses. When every binding of the name is a
plain ``name = value`` statement of the function's own body and the use sits in a statement of
that body too, astroid's answer is simply the last binding on an earlier line: no branch can make
two bindings exclusive, no loop makes one optional. ``reaching_binding`` answers that case from a
table built once per (function, name), by bisection, and says None for everything else (the caller
then asks astroid). ``tests/unit/test_straight_lookup.py`` checks it equals astroid's answer.
"""

from __future__ import annotations

from bisect import bisect_left

from astroid import nodes

_TABLE = "_hybridize_straight_bindings"
_UNSUITED = "unsuited"
_FEW = 4
"""Fewer bindings than this: astroid answers (its scan is short), and nothing is kept."""


def reaching_binding(name: nodes.Name) -> tuple[nodes.FunctionDef, list[nodes.NodeNG]] | None:
    """astroid's ``name.lookup(name.name)`` when the straight-line case decides it; None otherwise."""
    if name.name == "__class__":
        return None
    scope = name.scope()
    if not isinstance(scope, nodes.FunctionDef):
        return None
    statement = name.statement()
    if statement.parent is not scope or isinstance(statement, (nodes.FunctionDef, nodes.ClassDef)):
        return None  # in a branch or loop, a decorator, a default: astroid's own rules
    if len(scope.locals.get(name.name, ())) < _FEW:
        return None  # astroid's scan is short: no table kept
    table = _bindings_table(scope, name.name)
    if table is None:
        return None
    lines, bindings = table
    line = statement.fromlineno
    if line is None:
        return None
    index = bisect_left(lines, line)
    if index < len(lines) and lines[index] == line and bindings[index].parent is not statement:
        return None  # another statement on the same line (``y = 1; f(y)``)
    if index == 0:
        return None  # no earlier binding here: astroid looks in the enclosing scopes
    return scope, [bindings[index - 1]]


def _bindings_table(scope: nodes.FunctionDef, name: str) -> tuple[list[int], list[nodes.AssignName]] | None:
    """(first lines, bindings) of ``name`` in ``scope`` when each is a single-target ``name = value``
    statement of the function's body, on strictly increasing lines in astroid's order; else None."""
    tables = scope.__dict__.get(_TABLE)
    if tables is None:
        tables = scope.__dict__[_TABLE] = {}
    table = tables.get(name)
    if table is None:
        table = tables[name] = _build(scope, name)
    return None if table is _UNSUITED else table


def _build(scope: nodes.FunctionDef, name: str):
    bindings = scope.locals.get(name)
    if not bindings:
        return _UNSUITED
    lines: list[int] = []
    for binding in bindings:
        statement = binding.parent
        if (
            not isinstance(binding, nodes.AssignName)
            or not isinstance(statement, nodes.Assign)
            or statement.parent is not scope
            or len(statement.targets) != 1
            or statement.targets[0] is not binding
            or statement.fromlineno is None
            or (lines and statement.fromlineno <= lines[-1])
        ):
            return _UNSUITED
        lines.append(statement.fromlineno)
    return lines, list(bindings)
