"""Objects that create variables: which names hold a new Keras optimizer or model, which have their
variables built up front, whether a creation in traced code runs only once, and how a statement making
a new object runs again and again.

The API facts (which classes create variables) are in ``catalogue``; this module reads the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.execution.model import ExecutionModel
from pylint_hybridize.model.execution.traced import TraceInfo
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.walk import enclosing_loop, owner


def keras_instance_kind(argument: nodes.NodeNG) -> str | None:
    """``'optimizer'`` / ``'model'`` when ``argument`` is a name bound once to a new Keras optimizer /
    model (``opt = tf.keras.optimizers.Adam()``); None otherwise."""
    value = names.bound_value(argument)
    if not isinstance(value, nodes.Call):
        return None
    func = value.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    return None if qualified is None else catalogue.keras_object_kind(qualified)


def built_names(calls: list[nodes.Call]) -> frozenset[str]:
    """Names on which ``.build(...)`` is called among ``calls`` (their variables are made up front).
    ``TraceModel.built_names`` is this for the module's calls, computed once."""
    return frozenset(
        call.func.expr.name
        for call in calls
        if isinstance(call.func, nodes.Attribute) and call.func.attrname == "build" and isinstance(call.func.expr, nodes.Name)
    )


def created_once(node: nodes.NodeNG, trace: TraceInfo, model: ExecutionModel) -> bool:
    """A creation in traced code that need not run on every trace: under a guard or an init_scope (a
    lambda handed to a call runs where the call is), in a method that runs once by contract, or in a
    helper that traced code calls only under a guard (``if self._loss is None: self._make_loss()``)."""
    if model.guard_of(node, callbacks=True).runs_once:
        return True
    function = owner(node)
    return not trace.is_hybrid_itself and isinstance(function, nodes.FunctionDef) and model.called_under_guard(function)


@dataclass(frozen=True)
class Repetition:
    """How a statement runs again and again."""

    how: str
    """``loop``: in every iteration of the loop around it; ``caller``: by every call of its function,
    which is called in a loop."""
    at: nodes.NodeNG
    """The loop (``loop``), or the call in a loop (``caller``)."""
    function: nodes.NodeNG
    """The function (or module) holding the statement."""


def repetition(statement: nodes.NodeNG, call: nodes.Call, model: ExecutionModel) -> Repetition | None:
    """How ``statement``, making a new object that ``call`` in the same function uses, runs again and
    again: in the loop around both, or in an eager function that an eager call in a loop of this module
    calls; None when it runs once (or ``call`` is in another function)."""
    function = owner(statement)
    if function is not owner(call):
        return None
    loop = enclosing_loop(statement)
    if loop is not None and enclosing_loop(call) is loop:
        return Repetition("loop", loop, function)
    if loop is not None or not isinstance(function, nodes.FunctionDef):
        return None
    for other in model.calls_to(function):
        if other.root() is model.module and enclosing_loop(other) is not None and model.trace_info(other) is None:
            return Repetition("caller", other, function)
    return None
