"""Python loops and blocks in traced code: how often ``range(...)`` runs, whether a block builds ops.

A Python ``for`` over ``range(N)`` runs while tracing and copies its body into the graph N times;
``range_count`` says N when the code shows it (int literals, names bound once to one, and for a
hybrid's own parameter the largest int among its default and its call sites' arguments).
``has_tensor_op``/``creates_tf_ops`` say whether a block builds graph ops at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from astroid import nodes

from pylint_hybridize.model.execution.traced import TraceInfo
from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES
from pylint_hybridize.model.syntax.binding import bind_arguments
from pylint_hybridize.model.values.model import ValueModel

# Methods of variables / TensorArrays that build a state-changing op.
_STATE_OP_METHODS = ("assign", "assign_add", "assign_sub", "write")


def int_value(node: nodes.NodeNG | None) -> int | None:
    """An int literal, or a name bound once (module constant, local) to one."""
    if isinstance(node, nodes.Const) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, nodes.Name):
        value = names.bound_value(node, sole_target=True)
        if value is not None and value is not node:
            return int_value(value) if isinstance(value, nodes.Const) else None
    return None


def range_count(call: nodes.Call, trace: TraceInfo, model: ValueModel | None = None) -> int | None:
    """How many iterations ``range(...)`` makes, when the code shows it (Python ints only).

    A bare name may be a parameter of the hybrid itself (``trace``) without an input_signature: the
    largest int among its default and what the hybrid's visible call sites (``model``) pass."""
    if call.keywords or not 1 <= len(call.args) <= 3:
        return None
    values = []
    for argument in call.args:
        value = int_value(argument)
        if value is None and isinstance(argument, nodes.Name):
            value = _parameter_int(argument, trace, model)
        values.append(value)
    if any(v is None for v in values):
        return None
    if len(values) == 1:
        start, stop, step = 0, values[0], 1
    else:
        start, stop = values[0], values[1]
        step = values[2] if len(values) == 3 else 1
    if not step:
        return None
    return max(0, len(range(start, stop, step)))  # type: ignore[arg-type]


def _parameter_int(name: nodes.Name, trace: TraceInfo, model: ValueModel | None) -> int | None:
    """A parameter of the hybrid itself, with no input_signature: the largest int literal among its
    default and the values passed at the hybrid's call sites."""
    hybrid = trace.hybrid
    if not trace.is_hybrid_itself or hybrid.has_input_signature or not isinstance(hybrid.function, nodes.FunctionDef):
        return None
    arguments = hybrid.function.args
    assignment = names.only_assignment(name)
    if assignment is None or assignment.parent is not arguments:
        return None
    values = []
    try:
        values.append(int_value(arguments.default_value(name.name)))
    except Exception:  # pylint: disable=broad-except  # NoDefault
        pass
    values.extend(_call_site_ints(name.name, hybrid, model))
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _call_site_ints(parameter: str, hybrid: HybridFunction, model: ValueModel | None) -> list[int | None]:
    """Int literals passed for ``parameter`` at the hybrid's visible call sites (the model's binder)."""
    if model is None or not isinstance(hybrid.function, nodes.FunctionDef):
        return []
    found: list[int | None] = []
    for call in model.calls_to(hybrid.function):
        argument = bind_arguments(call, hybrid.function).values.get(parameter)
        if argument is not None:
            found.append(int_value(argument))
    return found


def _walk_statements(body: list[nodes.NodeNG]) -> Iterator[nodes.NodeNG]:
    """Every node under ``body``, nested functions and classes excluded."""
    stack = list(body)
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, (*FUNCTION_TYPES, nodes.ClassDef)):
            continue
        stack.extend(current.get_children())


def has_tensor_op(body: list[nodes.NodeNG], model: ValueModel) -> bool:
    """A TF op runs (is built) in ``body``: a call that returns a tensor, or arithmetic on tensors."""
    for current in _walk_statements(body):
        if isinstance(current, (nodes.Call, nodes.BinOp)) and model.kind(current).is_tensor:
            return True
    return False


def creates_tf_ops(body: list[nodes.NodeNG], model: ValueModel) -> bool:
    """``has_tensor_op``, or a state op (``v.assign(...)``, ``ta.write(...)``) on a non-module object."""
    if has_tensor_op(body, model):
        return True
    for current in _walk_statements(body):
        if (
            isinstance(current, nodes.Call)
            and isinstance(current.func, nodes.Attribute)
            and current.func.attrname in _STATE_OP_METHODS
            and names.qualified_name(current.func) is None
        ):
            return True
    return False
