"""Which function bodies run at trace time, and the call path that says why.

A hybrid function's body runs while TensorFlow traces it, and so does every
Python function it calls, transitively, plus the functions it hands to TF's
graph control flow (``tf.while_loop(cond, body)``, ``tf.map_fn(fn, ...)``,
``strategy.run(step_fn, ...)``). Functions handed to ``tf.py_function`` /
``tf.numpy_function`` run eagerly at run time and are *not* traced.

Calls are resolved without inference (``syntax.references``): local names
through ``lookup``, ``self.method`` through the enclosing class (and its bases
defined in the same module), and names imported from the same package by
loading that module with astroid (project code only; libraries are never
followed). ``with tf.init_scope():`` bodies are eager islands: they run outside
the graph, and so do the functions they call.

``local_traced(module)`` is what a module's own hybrids and contexts trace (kept
per module); ``traced_by_importers(module)`` adds the helpers of this module
that the hybrids of the modules importing it trace.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.calls.graph import resolved_callee
from pylint_hybridize.model.catalogue.tracing import GRAPH_CONTROL_FLOW, INIT_SCOPE, STRATEGY, STRATEGY_RUN_METHODS
from pylint_hybridize.model.execution.contexts import TracedContext, entry_point_callables, find_contexts
from pylint_hybridize.model.hybrids.functions import HybridFunction, analysed_index, is_analysed, module_hybrids
from pylint_hybridize.model.project.files import real_path, same_function_here
from pylint_hybridize.model.project.index import importing_modules, module_index
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.project.store import Facts, module_facts, node_fact
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import display_name, is_self_reference
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES, FunctionLike, calls_of_body, owner

MAX_TRACED_FUNCTIONS = 2000  # guards pathological call graphs; the BFS just stops


@dataclass(frozen=True)
class TraceInfo:
    """Why one function body runs at trace time."""

    hybrid: HybridFunction
    path: tuple[str, ...]
    """Display names from the hybrid to this function, both included."""
    fresh_self: bool = False
    """A method reached through an object that traced code itself made (``r = Registry(); r.insert(...)``
    in a traced caller), or through ``self`` of such a method: its ``self`` is made anew on every
    trace and does not outlive it."""

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


def traced_arguments(call: nodes.Call) -> list[FunctionLike]:
    """Functions handed to TF graph control flow by this call (traced too): the callable arguments the
    measured catalogue says run where the call runs (``catalogue.entry_points``)."""
    func = call.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    if qualified in GRAPH_CONTROL_FLOW:
        return entry_point_callables(call, qualified)
    if qualified is None and isinstance(func, nodes.Attribute) and func.attrname in STRATEGY_RUN_METHODS:
        return entry_point_callables(call, f"{STRATEGY}.run")  # the receiver's type is not known: its method's name
    return []


def under_init_scope(node: nodes.NodeNG, function: nodes.NodeNG | None) -> bool:
    """``node`` sits in the body of a ``with tf.init_scope():`` of its own function."""
    child, parent = node, node.parent
    while parent is not None and parent is not function and not isinstance(parent, FUNCTION_TYPES):
        if isinstance(parent, nodes.With) and child is not None and child in parent.body and enters_init_scope(parent):
            return True
        child, parent = parent, parent.parent
    return False


def function_edges(function: FunctionLike, calls_by_frame: dict, kind: str, edge_of) -> tuple:
    """``edge_of(call, function)`` for each call of ``calls_in(function, calls_by_frame)`` that is not
    None, in order; kept on the function (``store.node_fact``), for its module's own list of its calls
    and for ``calls_of_body`` apart (their orders differ): every module whose hybrids reach
    ``function`` walks it."""
    own = calls_by_frame.get(function)
    key = (kind, own is not None)

    def build() -> tuple:
        calls = own if own is not None else calls_of_body(function)
        return tuple(edge for edge in (edge_of(call, function) for call in calls) if edge is not None)

    return node_fact(function, key, build, imports=True)


def edge_summary(function: FunctionLike, edges: tuple, kind: str, summarise) -> tuple:
    """``summarise(edges)`` of ``function``'s edges (``function_edges``), kept on the function with the
    edges it was made from: what a breadth-first walk needs to tell, without a Python loop over the
    edges, that none of them can change what it found (every module's walk pops every function it
    reaches, and past the first waves its edges lead only to functions it already knows)."""
    kept = node_fact(function, ("edge-summary", kind), lambda: [None, None])
    if kept[0] is not edges:
        summary = summarise(edges)
        shared = node_fact(function, "edge-callees", lambda: [None])  # the kinds' callees are mostly the same set: one copy
        if shared[0] == summary[0]:
            summary = (shared[0], *summary[1:])
        else:
            shared[0] = summary[0]
        kept[0], kept[1] = edges, summary
    return kept[1]


def _trace_summary(edges: tuple) -> tuple[frozenset, bool]:
    """(every callee of the trace edges; whether an edge may give its callee a fresh ``self`` whatever
    the caller's)."""
    callees = frozenset(callee for edge in edges for callee in edge[0])
    fresh = any(resolved is not None and receiver is not _SELF and receiver for _callees, resolved, receiver in edges)
    return callees, fresh


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
    """Breadth-first from every hybrid: the shortest call path wins, except that a path on which the
    function's ``self`` outlives the trace replaces one on which it is made by the trace."""
    traced: dict[FunctionLike, TraceInfo] = {}
    queue: deque[tuple[FunctionLike, TraceInfo]] = deque()
    for hybrid in hybrids:
        if hybrid.function not in traced:
            info = TraceInfo(hybrid, (hybrid.name,))
            traced[hybrid.function] = info
            queue.append((hybrid.function, info))
    fresh_known = 0  # how many of the paths found give a fresh self (a later path may replace those)
    while queue and len(traced) < MAX_TRACED_FUNCTIONS:
        function, info = queue.popleft()
        caller_fresh = info.fresh_self
        edges = function_edges(function, calls_by_frame, "trace-edges", trace_edge)
        if not caller_fresh and not fresh_known:
            callees, fresh_edge = edge_summary(function, edges, "trace-edges", _trace_summary)
            if not fresh_edge and traced.keys() >= callees:
                continue  # every callee is known by a path without a fresh self: the loop below would skip each
        for callees, resolved, receiver in edges:
            fresh = resolved is not None and (caller_fresh if receiver is _SELF else receiver)
            for callee in callees:
                fresh_self = fresh and callee is resolved
                known = traced.get(callee)
                if known is not None and (fresh_self or not known.fresh_self):
                    continue  # a shorter path is known (a fresh self only counts where every path has one)
                callee_info = TraceInfo(info.hybrid, (*info.path, display_name(callee)), fresh_self)
                fresh_known += bool(fresh_self) - bool(known is not None and known.fresh_self)
                traced[callee] = callee_info
                queue.append((callee, callee_info))
    return traced


_SELF = "self"


def trace_edge(call: nodes.Call, function: FunctionLike) -> tuple[tuple[FunctionLike, ...], FunctionLike | None, object] | None:
    """What tracing ``function`` follows at ``call`` (one of its calls): (the functions it traces there:
    those handed to graph control flow, then the callee; the callee; ``_fresh_receiver``'s answer, or
    ``_SELF`` when it is the caller's own). None in a ``with tf.init_scope():`` (an eager island). Kept
    with the function's other edges (``function_edges``)."""
    if under_init_scope(call, function):
        return None
    callees = traced_arguments(call)
    resolved = resolved_callee(call.func)
    if resolved is not None:
        callees.append(resolved)
    return tuple(callees), resolved, _fresh_receiver(call)


def _fresh_receiver(call: nodes.Call) -> object:
    """``call`` calls a method on an object made in the traced caller's own body (``r = Cls(...)``
    then ``r.m()``): True; on ``self``: ``_SELF`` (fresh when the caller's ``self`` is such an object)."""
    func = call.func
    if not isinstance(func, nodes.Attribute):
        return False
    if is_self_reference(func.expr):
        return _SELF
    if not isinstance(func.expr, nodes.Name):
        return False
    value = names.bound_value(func.expr)
    return isinstance(value, nodes.Call) and names.binding_scope(func.expr) is owner(call)


def enters_init_scope(node: nodes.With) -> bool:
    """``with tf.init_scope():`` (one of the items)."""
    for item, _alias in node.items:
        if (
            isinstance(item, nodes.Call)
            and isinstance(item.func, (nodes.Name, nodes.Attribute))
            and names.qualified_name(item.func) == INIT_SCOPE
        ):
            return True
    return False


def local_traced(
    module: nodes.Module, settings: Settings, facts: Facts | None = None
) -> tuple[list[TracedContext], dict[FunctionLike, TraceInfo]]:
    """The Keras / tf.data contexts of ``module`` and the code its own hybrids and contexts trace
    (tf.function wins over a context for the same def: ``@tf.function def train_step``), built once
    per module (``facts``: the module's kept facts, when the caller holds them)."""
    facts = module_facts(module, settings) if facts is None else facts
    return facts.kept("traced", lambda: _local_traced(module, settings, facts))


def _local_traced(
    module: nodes.Module, settings: Settings, facts: Facts
) -> tuple[list[TracedContext], dict[FunctionLike, TraceInfo]]:
    if not is_analysed(module, settings):
        return [], {}
    index = analysed_index(module, settings)
    try:
        hybrids = module_hybrids(module, settings, facts)
        contexts = find_contexts(module, index.calls)
        traced = compute_traced([*hybrids, *contexts], dict(index.calls_by_owner)) if hybrids or contexts else {}
    except (RecursionError, MemoryError):
        return [], {}  # give up on this module quietly
    return contexts, traced


def first_trace_by_function(traced_by: list[tuple[FunctionLike, nodes.Module, TraceInfo]]) -> dict[FunctionLike, TraceInfo]:
    """{function: TraceInfo} of ``traced_by_importers``: the first importer's path where several trace it."""
    found: dict = {}
    for target, _other, info in traced_by:
        found.setdefault(target, info)
    return found


def traced_by_importers(module: nodes.Module, settings: Settings) -> list[tuple[FunctionLike, nodes.Module, TraceInfo]]:
    """(function of ``module``, importer, TraceInfo) for every importer whose hybrids or contexts trace
    it: the modules of its package that may define hybrids or contexts and import it by name
    (``local_traced`` of each, which follows calls forward into this module), in the order found."""
    if not module_index(module).functions:
        # no def or lambda: nothing of it can be traced, and no importer is built to find that out (a
        # package's ``__init__.py`` of re-exports is imported by nearly every module of the package)
        return []

    own_path = real_path(module.file) if module.file else ""
    found: list[tuple[FunctionLike, nodes.Module, TraceInfo]] = []
    for other in importing_modules(module, settings.extra_wrappers, every=False):
        for function, info in _traced_by_file(other, settings).get(own_path or None, ()):
            target = same_function_here(function, module, own_path)
            if target is None:
                continue
            path = path_seen_from(module, own_path, other, info.hybrid, info.path)
            found.append((target, other, TraceInfo(info.hybrid, path, info.fresh_self)))
    return found


def path_seen_from(module: nodes.Module, own_path: str, other: nodes.Module, root: HybridFunction,
                   path: tuple[str, ...]) -> tuple[str, ...]:
    """A call path that ``other``'s root ``root`` takes into ``module``, named for ``module``'s messages:
    the root's name with its module's when it is a def of ``other`` (``train.step -> loss``); a def of
    ``module`` that ``other`` hands to a tracer (``ds.map(augment)``) keeps its own name."""
    if len(path) <= 1 or same_function_here(root.function, module, own_path) is not None:
        return path
    return (f"{other.name.rsplit('.', 1)[-1]}.{path[0]}", *path[1:])


def _traced_by_file(module: nodes.Module, settings: Settings) -> dict[str | None, list[tuple[FunctionLike, TraceInfo]]]:
    """``local_traced(module)``'s functions other than its hybrids themselves, by the real path of
    their file (None: a tree without one), in the order found; kept per module, so that each module
    importing it looks at its own functions only (``same_function_here`` is None for the others)."""
    facts = module_facts(module, settings)

    def build() -> dict[str | None, list[tuple[FunctionLike, TraceInfo]]]:
        table: dict[str | None, list[tuple[FunctionLike, TraceInfo]]] = {}
        for function, info in local_traced(module, settings, facts)[1].items():
            # a root too when it is a def of another file (``ds.map(augment)``, ``augment`` imported): that
            # file's model learns here that it is traced
            if not info.is_hybrid_itself or function.root() is not module:
                file = function.root().file
                table.setdefault(real_path(file) if file else None, []).append((function, info))
        return table

    return facts.kept("traced-by-file", build)
