"""What graph code does differently from eager code: errors a graph raises only when it runs, recursion
that tracing cannot end, and code that runs eagerly (or under a ``try``) although it sits in traced code.

The API facts (which builtin errors come from running ops) are in ``catalogue``; this module reads the code.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.execution.guards import under_static_branch
from pylint_hybridize.model.execution.model import ExecutionModel
from pylint_hybridize.model.project.store import node_fact
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.values.answers import Answer, Kind


def runtime_error_names(handler: nodes.ExceptHandler) -> list[str]:
    """The types ``handler`` catches whose errors come from running ops, not from tracing: builtins
    such as ``ZeroDivisionError`` (by name) and ``tf.errors.*`` (as spelled in the code)."""
    if handler.type is None:
        return []
    types = handler.type.elts if isinstance(handler.type, nodes.Tuple) else [handler.type]
    found = []
    for type_node in types:
        if not isinstance(type_node, (nodes.Name, nodes.Attribute)):
            continue
        builtin = names.builtin_name(type_node)
        if builtin in catalogue.RUNTIME_ERROR_BUILTINS:
            found.append(builtin)
            continue
        qualified = names.qualified_name(type_node)
        if qualified is not None and qualified.startswith(catalogue.TF_ERRORS):
            found.append(_spelled(type_node))
    return found


def endless_recursion(call: nodes.Call, path: str, model: ExecutionModel) -> Answer | None:
    """Why tracing never ends at ``call``, a call closing a recursion cycle (``path`` is ``''`` for
    direct recursion): a hybrid calling itself, or a tensor argument (its kind is the answer); None when
    the recursion ends while tracing.

    Recursion over Python values unrolls at trace time (a helper walking a nested
    structure, or tfp's `_minimize_common -> run_jitted_minimize -> _minimize_common`
    re-entering once with a Python flag flipped): fine.
    """
    if under_static_branch(call, model.traced):  # membership only: the dict itself, not a copy per call
        return None  # a base case decided by static facts (a shape's rank, len() of a Python list) ends it
    callee = model.callee_of(call)
    if path == "" and callee is not None and model.hybrid_of(callee) is not None:
        return Answer(Kind.TENSOR)
    for argument in [*call.args, *(k.value for k in call.keywords or ())]:
        answer = model.kind(argument)
        if answer.is_tensor:
            return answer
    cycle = model.recursion(call)
    if cycle is not None and _without_base_case(cycle.functions, model):
        return Answer(Kind.UNKNOWN)  # whatever the arguments are: no path out of the cycle
    return None


def _without_base_case(functions: frozenset, model: ExecutionModel) -> bool:
    """No visible base case: every function of the cycle calls the next one unconditionally (the
    call's statement is in the function's body itself, under no ``if``/loop/``try``/``with``, in no
    conditional expression, and no statement before it can return or raise)."""
    for function in functions:
        if not isinstance(function, nodes.FunctionDef):
            return False
        by_callee = model.calls_by_callee(function)
        calls = [call for callee in functions for call in by_callee.get(callee, ())]
        if not any(_unconditional(call, function) for call in calls):
            return False
    return True


def _unconditional(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    """Kept on the call (``store.node_fact``): every module whose cycles pass through ``function`` asks."""
    return node_fact(call, ("unconditional", function), lambda: _unconditional_call(call, function))


def _unconditional_call(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    node = call
    while node.parent is not function:
        node = node.parent
        if node is None or isinstance(node, (nodes.IfExp, nodes.BoolOp, nodes.Comprehension, nodes.Lambda, nodes.FunctionDef)):
            return False
        if node.is_statement and node.parent is not function:
            return False  # inside an if, a loop, a try, a with
    positions, first_exit = node_fact(function, "body-exits", lambda: _body_exits(function))
    index = positions.get(node)
    if index is None:
        return False  # a default value or decorator
    return index <= first_exit  # no statement before it can return or raise


def _body_exits(function: nodes.FunctionDef) -> tuple[dict[nodes.NodeNG, int], int]:
    """({statement of the body: its index}, the index of the first statement that can return or
    raise, or the body's length)."""
    positions: dict[nodes.NodeNG, int] = {}
    first_exit = len(function.body)
    for index, statement in enumerate(function.body):
        positions.setdefault(statement, index)
        if first_exit == len(function.body) and (
            isinstance(statement, (nodes.Return, nodes.Raise))
            or any(True for _ in statement.nodes_of_class((nodes.Return, nodes.Raise)))
        ):
            first_exit = index
    return positions, first_exit


def eager_or_caught(node: nodes.NodeNG, model: ExecutionModel) -> bool:
    """The function checks for eager mode (``tf.executing_eagerly()``...), or ``node`` runs in
    ``tf.init_scope()`` or in a ``try`` body: an eager-only call there is deliberate."""
    guard = model.guard_of(node)
    return guard.runs_eagerly or guard.caught is not None


def _spelled(node: nodes.NodeNG) -> str:
    try:
        return node.as_string()
    except Exception:  # pylint: disable=broad-except
        return "..."
