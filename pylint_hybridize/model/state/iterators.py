"""Python iterators in outer state: which names hold one, and when the same one reaches a traced
function twice.

``next`` on a Python iterator runs in Python, so a trace freezes the item it read (a tf.data
iterator's ``next`` is a graph op and is not one of these). A name bound once to ``iter(<list /
tuple / range / comprehension>)``, a generator expression or an ``itertools`` object is such an
iterator (``is_python_iterator``); a parameter is one when visible calls pass the same such name at
least twice (``iterator_passed_twice``): the second call reuses the trace and its frozen ``next``.
"""

from __future__ import annotations

import collections
from collections.abc import Callable

from astroid import nodes

from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import bind_arguments, parameter_of
from pylint_hybridize.model.syntax.walk import enclosing_loop


def assigned_value(assignment: nodes.NodeNG | None) -> nodes.NodeNG | None:
    """The value of ``name = value`` (or ``name: T = value``) for the target ``assignment``; None otherwise."""
    parent = assignment.parent if assignment is not None else None
    if isinstance(parent, (nodes.Assign, nodes.AnnAssign)) and (
        parent.targets[0] is assignment if isinstance(parent, nodes.Assign) else parent.target is assignment
    ):
        return parent.value
    return None


def is_python_iterator(iterator: nodes.NodeNG) -> bool:
    """Bound (once) to ``iter(<list/tuple/range/comprehension>)``, a generator expression or itertools."""
    assignment = names.only_assignment(iterator)
    if assignment is None:
        return False
    value = assigned_value(assignment)
    if isinstance(value, nodes.GeneratorExp):
        return True
    if not isinstance(value, nodes.Call):
        return False
    if names.builtin_name(value.func) == "iter" and value.args:
        source = value.args[0]
        if isinstance(source, (nodes.List, nodes.Tuple, nodes.Set, nodes.ListComp, nodes.GeneratorExp, nodes.Const)):
            return True
        return isinstance(source, nodes.Call) and names.builtin_name(source.func) == "range"
    qualified = names.qualified_name(value.func) if isinstance(value.func, (nodes.Name, nodes.Attribute)) else None
    return qualified is not None and qualified.startswith("itertools.")


def iterator_passed_twice(expr: nodes.NodeNG, calls_to: Callable[[nodes.NodeNG], list[nodes.Call]]) -> bool:
    """``expr`` is a parameter to which visible calls (``calls_to``: the call graph's) pass one Python
    iterator name at least twice: two calls, or one in a loop its binding is outside of."""
    found = parameter_of(expr)
    if found is None:
        return False
    passed: collections.Counter = collections.Counter()
    for call in calls_to(found[0]):
        argument = bind_arguments(call, found[0]).values.get(found[1])
        binding = names.only_assignment(argument) if isinstance(argument, nodes.Name) else None
        if binding is not None and enclosing_loop(binding) is None and is_python_iterator(argument):
            passed[binding] += 1 if enclosing_loop(call) is None else 2
    return any(count > 1 for count in passed.values())
