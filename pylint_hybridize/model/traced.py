"""Which function bodies run at trace time, and the call path that says why.

A hybrid function's body runs while TensorFlow traces it, and so does every
Python function it calls, transitively, plus the functions it hands to TF's
graph control flow (``tf.while_loop(cond, body)``, ``tf.map_fn(fn, ...)``,
``strategy.run(step_fn, ...)``). Functions handed to ``tf.py_function`` /
``tf.numpy_function`` run eagerly at run time and are *not* traced.

Calls are resolved without inference: local names through ``lookup``,
``self.method`` through the enclosing class (and its bases defined in the same
module), and names imported from the same package by loading that module with
astroid (project code only; libraries are never followed).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model import names
from pylint_hybridize.model.guards import enters_init_scope
from pylint_hybridize.model.walk import FUNCTION_TYPES, calls_of_body
from pylint_hybridize.model.hybrids import (
    FunctionLike,
    HybridFunction,
    TracedContext,
    class_method,
    display_name,
    enclosing_class,
    is_self_reference,
    resolve_function_reference,
)

# TF functions whose function-valued arguments are traced into the same graph.
GRAPH_CONTROL_FLOW = frozenset(
    {
        "tensorflow.while_loop",
        "tensorflow.cond",
        "tensorflow.case",
        "tensorflow.switch_case",
        "tensorflow.map_fn",
        "tensorflow.scan",
        "tensorflow.foldl",
        "tensorflow.foldr",
        "tensorflow.vectorized_map",
        "tensorflow.nest.map_structure",
        "tensorflow.recompute_grad",
        "tensorflow.custom_gradient",
        "tensorflow.autograph.experimental.do_not_convert",
    }
)
# Methods of distribution strategies that trace their first argument.
STRATEGY_RUN_METHODS = frozenset({"run", "experimental_run_v2", "call_for_each_replica"})

MAX_TRACED_FUNCTIONS = 2000  # guards pathological call graphs; the BFS just stops


@dataclass(frozen=True)
class TraceInfo:
    """Why one function body runs at trace time."""

    hybrid: HybridFunction
    path: tuple[str, ...]
    """Display names from the hybrid to this function, both included."""

    @property
    def is_hybrid_itself(self) -> bool:
        return len(self.path) == 1

    @property
    def context(self) -> TracedContext | None:
        """The Keras / tf.data context that traces this code, None under a tf.function."""
        return self.hybrid if isinstance(self.hybrid, TracedContext) else None

    @property
    def in_layer_call(self) -> bool:
        """Reached from ``Layer.call``/``Model.call`` (not from a tf.function or another context)."""
        context = self.context
        return context is not None and context.kind == "keras-call"

    @property
    def static_output_is_deliberate(self) -> bool:
        """Printing only static values (shapes, dtypes, literals) here is the usual debugging idiom.

        In ``Layer.call`` (and what it calls) ``print(x.shape)`` prints the shapes once per build or
        trace, and on every direct eager call: what its author wants (docs/precision.md, issue 14).
        """
        return self.in_layer_call

    def describe(self) -> str:
        """``'train_step' is traced`` or ``'train_step' is traced (train_step -> compute_loss -> log_stats)``.

        In a Keras / tf.data context: ``'M.train_step' is traced by Keras Model.fit``,
        ``'augment' is traced by Dataset.map``.
        """
        verb = self.context.phrase() if self.context is not None else "is traced"
        if self.is_hybrid_itself:
            return f"'{self.hybrid.name}' {verb}"
        return f"'{self.hybrid.name}' {verb} ({' -> '.join(self.path)})"


def resolve_callee(func: nodes.NodeNG) -> FunctionLike | None:
    """The project function a call expression calls, or None when unsure."""
    if isinstance(func, nodes.Name):
        if isinstance(names.only_assignment(func), nodes.ImportFrom):
            return _project_function(func)  # from .utils import helper
        return resolve_function_reference(func)
    if isinstance(func, nodes.Attribute):
        if is_self_reference(func.expr):
            cls = enclosing_class(func)
            return class_method(cls, func.attrname) if cls is not None else None
        if isinstance(func.expr, nodes.Name):
            return _project_function(func)  # utils.helper, utils a project module imported by name
    return None


def _project_function(func: nodes.NodeNG) -> FunctionLike | None:
    found = names.project_definition(func, nodes.FunctionDef)
    return found if isinstance(found, nodes.FunctionDef) else None


def traced_arguments(call: nodes.Call) -> list[FunctionLike]:
    """Functions handed to TF graph control flow by this call (traced too)."""
    func = call.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    arguments: list[nodes.NodeNG]
    if qualified in GRAPH_CONTROL_FLOW:
        arguments = [*call.args, *(k.value for k in call.keywords or ())]
    elif qualified is None and isinstance(func, nodes.Attribute) and func.attrname in STRATEGY_RUN_METHODS:
        arguments = call.args[:1]
    else:
        return []
    from pylint_hybridize.model.contexts import function_reference  # pylint: disable=import-outside-toplevel

    found = []
    pending = list(arguments)
    while pending:
        argument = pending.pop(0)
        if isinstance(argument, (nodes.List, nodes.Tuple)):
            # tf.switch_case(i, [f0, f1]) / tf.case([(pred, fn), ...]) / tf.cond branches in a tuple
            pending.extend(argument.elts)
            continue
        if isinstance(argument, nodes.Dict):  # tf.case({pred: fn}) / tf.switch_case(i, {0: f0})
            pending.extend(value for _key, value in argument.items)
            continue
        function = function_reference(argument)  # also self.f, obj.f, functools.partial(f, ...)
        if function is not None:
            found.append(function)
    return found


def under_init_scope(node: nodes.NodeNG, function: nodes.NodeNG | None) -> bool:
    """``node`` sits in the body of a ``with tf.init_scope():`` of its own function."""
    child, parent = node, node.parent
    while parent is not None and parent is not function and not isinstance(parent, FUNCTION_TYPES):
        if isinstance(parent, nodes.With) and child is not None and child in parent.body and enters_init_scope(parent):
            return True
        child, parent = parent, parent.parent
    return False


def calls_in(function: FunctionLike, calls_by_frame: dict[nodes.NodeNG, list[nodes.Call]]) -> list[nodes.Call]:
    """Calls whose frame is ``function``; for functions of other modules, walk them once."""
    cached = calls_by_frame.get(function)
    if cached is not None:
        return cached
    found = calls_of_body(function)
    calls_by_frame[function] = found
    return found


def compute_traced(
    hybrids: list[HybridFunction],
    calls_by_frame: dict[nodes.NodeNG, list[nodes.Call]],
) -> dict[FunctionLike, TraceInfo]:
    """Breadth-first from every hybrid: the shortest call path wins."""
    traced: dict[FunctionLike, TraceInfo] = {}
    queue: deque[tuple[FunctionLike, TraceInfo]] = deque()
    for hybrid in hybrids:
        if hybrid.function not in traced:
            info = TraceInfo(hybrid, (hybrid.name,))
            traced[hybrid.function] = info
            queue.append((hybrid.function, info))
    while queue and len(traced) < MAX_TRACED_FUNCTIONS:
        function, info = queue.popleft()
        for call in calls_in(function, calls_by_frame):
            if under_init_scope(call, function):
                continue  # ``with tf.init_scope():`` runs what it calls eagerly (an eager island)
            callees = traced_arguments(call)
            callee = resolve_callee(call.func)
            if callee is not None:
                callees.append(callee)
            for callee in callees:
                if callee in traced:
                    continue
                callee_info = TraceInfo(info.hybrid, (*info.path, display_name(callee)))
                traced[callee] = callee_info
                queue.append((callee, callee_info))
    return traced
