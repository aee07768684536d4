"""How traced code runs: does autograph convert its Python control flow, and what Keras passes it.

Every traced context says *why* it is traced (``traced``, ``contexts``); this says *how*, measured under
TF 2.21 / Keras 3.15.1 and tf_keras 2.21 (``docs/keras3.md``, ``catalogue.entry_points``):

- an explicit ``tf.function`` converts, unless ``autograph=False`` (``HybridFunction.effective_autograph``);
  tf.data functions (``Dataset.map``...) convert (the table's ``as_caller``, from eager code);
  ``tf.vectorized_map`` does not (the table's ``not_converted``);
- Keras 3 runs ``Layer.call`` without autograph when it is called as ``layer(x)`` (inside a tf.function
  too), when a functional or Sequential model is built, and under ``fit``/``evaluate``/``predict``;
  tf_keras (Keras 2) converts it. A ``call`` the project also calls directly (``self.call(x)``: autograph
  converts that call from converted code) is left unknown;
- ``train_step`` / ``test_step`` / ``predict_step`` run under ``fit`` without autograph, in Keras 3 and in
  tf_keras alike (``do_not_convert``);
- a helper inherits the semantics of its callers' contexts; a callable handed to an entry point follows
  the table (``converted`` / ``as_caller`` / ``not_converted``; a ``def`` or lambda nested in its caller is
  converted with it). Where a helper is reached both converted and not, the unconverted one decides
  (it fails there); unknown beats converted (precision first: no message rests on a guess).

Keras calls ``call`` with ``training`` as a Python bool or None (Keras 3 and tf_keras) and ``mask`` as
None or a tensor: ``Conversion.keras_arguments``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from astroid import nodes

from pylint_hybridize.model.calls.graph import resolved_callee
from pylint_hybridize.model.catalogue import entry_points
from pylint_hybridize.model.catalogue.tracing import STRATEGY_RUN_METHODS
from pylint_hybridize.model.execution.contexts import TracedContext
from pylint_hybridize.model.execution.traced import (
    MAX_TRACED_FUNCTIONS,
    TraceInfo,
    edge_summary,
    function_edges,
    local_traced,
    under_init_scope,
)
from pylint_hybridize.model.hybrids.functions import HybridFunction, analysed_index, module_hybrids
from pylint_hybridize.model.project.keras import KerasChoice, keras_in_use
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.project.store import module_facts
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import (
    display_name,
    function_reference,
    instance_class,
    is_self_reference,
    resolve_callee,
    resolve_local_class,
)
from pylint_hybridize.model.syntax.walk import FunctionLike

KERAS_PYTHON_ARGUMENTS = {"training": "a Python bool or None", "mask": "None or a tensor"}
"""What Keras passes a ``call``'s ``training`` / ``mask`` (measured: ``tests/runtime``, docs/keras3.md)."""

_RANK = {False: 2, None: 1, True: 0}  # the unconverted decides, then the unknown, then the converted


@dataclass(frozen=True)
class Conversion:
    """How one traced function body runs."""

    converted: bool | None
    """autograph converts it (True), does not (False: Python control flow on tensors fails), unknown (None)."""
    hybrid: HybridFunction
    """The tf.function or context whose semantics decided."""
    why: str
    """Why it is not converted (or is), for messages: ``Keras 3 runs Layer.call without autograph``."""
    keras: KerasChoice
    path: tuple[str, ...] = ()
    """Display names from ``hybrid`` to this function along the calls that carried these semantics:
    the path a message shows (a helper reached converted by a tf.function and unconverted by
    ``Layer.call`` fails on the second)."""

    @property
    def rank(self) -> int:
        """Which of several conversions of one function decides: the unconverted, then the unknown."""
        return _RANK[self.converted]

    @property
    def trace(self) -> TraceInfo:
        """Why the function is traced, along ``path`` (for messages)."""
        return TraceInfo(self.hybrid, self.path or (self.hybrid.name,))

    @property
    def unconverted(self) -> bool:
        return self.converted is False

    @property
    def keras_arguments(self) -> dict[str, str]:
        """The parameters Keras fills with Python values or None (``training``), when Keras calls it."""
        context = self.hybrid if isinstance(self.hybrid, TracedContext) else None
        return KERAS_PYTHON_ARGUMENTS if context is not None and context.is_keras else {}


def root_conversion(hybrid: HybridFunction, keras: KerasChoice, called_directly: bool = False) -> tuple[bool | None, str]:
    """Whether ``hybrid``'s own body is converted, and why (see the module doc)."""
    if isinstance(hybrid, TracedContext):
        if hybrid.kind == "keras-step":
            return False, f"Keras runs {hybrid.name} under {hybrid.tracer} without autograph (do_not_convert)"
        if hybrid.kind == "keras-call":
            if not keras.is_keras_3:
                return True, f"{keras.phrase()} converts Layer.call"
            if called_directly:
                return None, "Layer.call is also called directly (autograph converts a direct call)"
            return False, (
                f"{keras.phrase()} runs Layer.call without autograph (layer(x), model build, fit/predict)"
            )
        if hybrid.kind == "vectorized-map":
            return False, "tf.vectorized_map traces its function without autograph"
        return True, f"{hybrid.tracer} converts it"
    autograph = hybrid.effective_autograph
    if autograph is False:
        return False, f"'{hybrid.name}' has autograph=False"
    return autograph, "tf.function converts it" if autograph else "its autograph setting is not known"


def _argument_callables(call: nodes.Call) -> list[tuple[FunctionLike, str | None]]:
    """The callables ``call`` hands to an entry point, each with the table's ``autograph`` for it."""
    func = call.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    row = entry_points.entry_point(qualified)
    if row is None:
        if qualified is None and isinstance(func, nodes.Attribute) and func.attrname in STRATEGY_RUN_METHODS:
            target = function_reference(call.args[0]) if call.args else None
            return [] if target is None else [(target, entry_points.AS_CALLER)]
        return []
    found = []
    given = [*((None, position, value) for position, value in enumerate(call.args)),
             *((keyword.arg, None, keyword.value) for keyword in call.keywords or ())]  # fmt: skip
    for keyword, position, value in given:
        argument = entry_points.traced_argument(qualified, keyword, position)
        if argument is None or argument[3] == entry_points.NEVER:
            continue
        pending = [value]
        while pending:
            item = pending.pop()
            if isinstance(item, (nodes.List, nodes.Tuple)):
                pending.extend(item.elts)
            elif isinstance(item, nodes.Dict):
                pending.extend(v for _k, v in item.items)
            else:
                target = function_reference(item)
                if target is not None:
                    found.append((target, argument[4]))
    return found


def _nested_in(function: nodes.NodeNG, outer: nodes.NodeNG) -> bool:
    parent = function.parent
    while parent is not None:
        if parent is outer:
            return True
        parent = parent.parent
    return False


def _directly_called_methods(calls: list[nodes.Call]) -> set[nodes.NodeNG]:
    """``call`` methods the module calls as ``x.call(...)`` (not through ``super()``)."""
    found = set()
    for call in calls:
        func = call.func
        if isinstance(func, nodes.Attribute) and func.attrname == "call" and not _is_super(func.expr):
            target = resolve_callee(func)
            if target is None and not is_self_reference(func.expr):
                cls = _receiver_class(func.expr)
                target = cls.locals.get("call", [None])[0] if cls is not None else None
            if target is not None:
                found.add(target)
            elif not is_self_reference(func.expr):
                found.add(None)  # an unknown receiver's call: any layer's of this module
    return found


def _receiver_class(receiver: nodes.NodeNG) -> nodes.ClassDef | None:
    """The class of this module a receiver holds: ``obj = Cls(...)``, or a parameter annotated ``Cls``."""
    cls = instance_class(receiver)
    if cls is not None:
        return cls
    assignment = names.only_assignment(receiver) if isinstance(receiver, nodes.Name) else None
    arguments = assignment.parent if isinstance(assignment, nodes.AssignName) else None
    if not isinstance(arguments, nodes.Arguments) or assignment not in (arguments.args or []):
        return None
    annotations = arguments.annotations or []
    index = arguments.args.index(assignment)
    annotation = annotations[index] if index < len(annotations) else None
    return resolve_local_class(annotation) if isinstance(annotation, nodes.Name) else None


def _is_super(expr: nodes.NodeNG) -> bool:
    return isinstance(expr, nodes.Call) and isinstance(expr.func, nodes.Name) and expr.func.name == "super"


def conversions(
    roots: list[HybridFunction],
    calls_by_frame: dict[nodes.NodeNG, list[nodes.Call]],
    keras: KerasChoice,
    module_calls: list[nodes.Call],
) -> dict[FunctionLike, Conversion]:
    """{traced function: Conversion}, propagated from every root through the calls (see the module doc)."""
    direct = _directly_called_methods(module_calls) if any(
        isinstance(r, TracedContext) and r.kind == "keras-call" for r in roots
    ) else set()
    found: dict[FunctionLike, Conversion] = {}
    queue: deque[FunctionLike] = deque()

    # a tf.function converts its own body (or not: autograph=False) whoever calls it, also as a
    # tf.while_loop body: its caller does not change it
    own = {hybrid.function for hybrid in roots if not isinstance(hybrid, TracedContext)}

    ranks = [0, 0, 0]  # how many functions found have each rank: the lowest present bounds what a step can skip

    def reach(function: FunctionLike, conversion: Conversion) -> None:
        known = found.get(function)
        if known is not None and (function in own or _RANK[known.converted] >= _RANK[conversion.converted]):
            return
        if known is not None:
            ranks[_RANK[known.converted]] -= 1
        ranks[_RANK[conversion.converted]] += 1
        found[function] = conversion
        queue.append(function)

    for hybrid in roots:
        called = isinstance(hybrid, TracedContext) and hybrid.kind == "keras-call" and (
            hybrid.function in direct or None in direct
        )
        converted, why = root_conversion(hybrid, keras, called)
        reach(hybrid.function, Conversion(converted, hybrid, why, keras, (display_name(hybrid.function),)))
    steps = 0
    while queue and steps < 4 * MAX_TRACED_FUNCTIONS:
        steps += 1
        function = queue.popleft()
        conversion = found[function]
        edges = function_edges(function, calls_by_frame, "conversion-edges", _conversion_edge)
        callees, handed = edge_summary(function, edges, "conversion-edges", _conversion_summary)
        rank = _RANK[conversion.converted]
        if not handed and not any(ranks[:rank]) and found.keys() >= callees:
            continue  # every callee is known with a rank at least this one's: ``reach`` would return at each
        for call, arguments, callee in edges:
            for target, autograph in arguments:
                path = (*conversion.path, display_name(target))
                if autograph == entry_points.CONVERTED or (conversion.converted and _nested_in(target, function)):
                    converted = True if autograph == entry_points.CONVERTED else conversion.converted
                    reach(target, Conversion(converted, conversion.hybrid, conversion.why, keras, path))
                elif autograph == entry_points.NOT_CONVERTED:
                    why = f"{names.qualified_name(call.func) or 'the entry point'} runs it without autograph"
                    reach(target, Conversion(False, conversion.hybrid, why.replace("tensorflow.", "tf."), keras, path))
                else:
                    reach(target, replace(conversion, path=path))
            if callee is not None:
                reach(callee, replace(conversion, path=(*conversion.path, display_name(callee))))
    return found


def _conversion_summary(edges: tuple) -> tuple[frozenset, bool]:
    """(the callees of the conversion edges; whether an edge hands callables to an entry point)."""
    return frozenset(callee for _call, _arguments, callee in edges if callee is not None), any(a for _c, a, _f in edges)


def _conversion_edge(call: nodes.Call, function: FunctionLike) -> tuple[nodes.Call, tuple, FunctionLike | None] | None:
    """(``call``, the callables ``call`` hands to an entry point, the function it calls); None in a ``with
    tf.init_scope():``. Kept with the function's other edges (``traced.function_edges``)."""
    if under_init_scope(call, function):
        return None
    return call, tuple(_argument_callables(call)), resolved_callee(call.func)


def local_conversions(module: nodes.Module, settings: Settings) -> dict[FunctionLike, Conversion]:
    """``conversions`` of what ``module``'s own hybrids and contexts trace, kept per module."""
    facts = module_facts(module, settings)

    def build() -> dict[FunctionLike, Conversion]:
        contexts, traced = local_traced(module, settings, facts)
        if not traced:
            return {}
        index = analysed_index(module, settings)
        try:
            hybrids = module_hybrids(module, settings, facts)
            decorated = {hybrid.function for hybrid in hybrids}
            # ``@tf.function def call`` / ``def train_step``: Keras calls the tf.function, which converts
            roots = [*hybrids, *(context for context in contexts if context.function not in decorated)]
            return conversions(roots, dict(index.calls_by_owner), keras_in_use(module, settings.keras), index.calls)
        except (RecursionError, MemoryError):
            return {}

    return facts.kept("conversions", build)
