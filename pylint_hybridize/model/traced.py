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


def _same_project(module: nodes.Module, modname: str) -> bool:
    """Whether ``modname`` names a module of the package ``module`` belongs to."""
    own_root = (module.name or "").split(".", 1)[0]
    other_root = modname.split(".", 1)[0]
    if not own_root or other_root in names.EXTERNAL_ROOTS:
        return False
    return own_root == other_root and bool(module.package or "." in (module.name or ""))


def _imported_function(import_node: nodes.ImportFrom, local_name: str) -> FunctionLike | None:
    """``from .utils import helper`` -> the ``helper`` def in that project module."""
    found = imported_definition(import_node, local_name, nodes.FunctionDef)
    return found if isinstance(found, nodes.FunctionDef) else None


def imported_definition(import_node: nodes.ImportFrom, local_name: str, kind: type) -> nodes.NodeNG | None:
    """``from .base import BaseModel`` -> the def/class (of type ``kind``) in that project module."""
    module = import_node.root()
    original = None
    for name, alias in import_node.names:
        if (alias or name) == local_name:
            original = name
    if original is None:
        return None
    if not import_node.level and not _same_project(module, import_node.modname or ""):
        return None
    try:
        target_module = import_node.do_import_module(import_node.modname)
    except Exception:  # pylint: disable=broad-except  # unresolvable import: give up quietly
        return None
    if not isinstance(target_module, nodes.Module) or target_module is module:
        return None
    for candidate in target_module.locals.get(original, ()):
        if isinstance(candidate, kind):
            return candidate
    return None


def resolve_callee(func: nodes.NodeNG) -> FunctionLike | None:
    """The project function a call expression calls, or None when unsure."""
    if isinstance(func, nodes.Name):
        try:
            _scope, assignments = func.lookup(func.name)
        except Exception:  # pylint: disable=broad-except
            return None
        if len(assignments) != 1:
            return None
        assignment = assignments[0]
        if isinstance(assignment, nodes.ImportFrom):
            return _imported_function(assignment, func.name)
        return resolve_function_reference(func)
    if isinstance(func, nodes.Attribute):
        if is_self_reference(func.expr):
            cls = enclosing_class(func)
            return class_method(cls, func.attrname) if cls is not None else None
        if isinstance(func.expr, nodes.Name):
            return _module_attribute_function(func.expr, func.attrname)
    return None


def _module_attribute_function(module_name: nodes.Name, attribute: str) -> FunctionLike | None:
    """``utils.helper(...)`` where ``utils`` is a project module imported by name."""
    found = module_attribute_definition(module_name, attribute, nodes.FunctionDef)
    return found if isinstance(found, nodes.FunctionDef) else None


def module_attribute_definition(module_name: nodes.Name, attribute: str, kind: type) -> nodes.NodeNG | None:
    """``utils.helper`` / ``base.BaseModel`` where ``utils``/``base`` is a project module imported by name."""
    try:
        _scope, assignments = module_name.lookup(module_name.name)
    except Exception:  # pylint: disable=broad-except
        return None
    if len(assignments) != 1 or not isinstance(assignments[0], (nodes.Import, nodes.ImportFrom)):
        return None
    import_node = assignments[0]
    module = import_node.root()
    try:
        if isinstance(import_node, nodes.ImportFrom):
            modname = import_node.modname or ""
            if not import_node.level and not _same_project(module, modname):
                return None
            submodules = [n for n, a in import_node.names if (a or n) == module_name.name]
            if not submodules:
                return None
            # resolved relative to the importing module when the import is relative
            target = import_node.do_import_module(f"{modname}.{submodules[0]}" if modname else submodules[0])
        else:
            dotted = next((n for n, a in import_node.names if a == module_name.name), None)
            if dotted is None or not _same_project(module, dotted):
                return None
            target = import_node.do_import_module(dotted)
    except Exception:  # pylint: disable=broad-except
        return None
    if not isinstance(target, nodes.Module) or target is module:
        return None
    for candidate in target.locals.get(attribute, ()):
        if isinstance(candidate, kind):
            return candidate
    return None


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
