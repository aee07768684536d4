"""The execution model of one module: which of its code runs at trace time, and why.

``ExecutionModel`` extends the value model (``values.model``: the call graph and value kinds) with
the Keras / tf.data contexts of the module, its traced code (its own hybrids and contexts, and the
helpers that hybrids of the modules importing it trace: ``traced``), the guards around a node, the
recursion among traced functions, and the questions about callers (``callers.CallerQueries``,
``opportunities.OpportunityQueries``). A
question of this layer that needs a module's facts takes an ``ExecutionModel`` (the ``TraceModel``
is one). What a context's autograph setting is under Keras 3 belongs with the contexts
(``contexts``), what runs eagerly inside traced code with the guards (``guards``).
"""

from __future__ import annotations

import os
from dataclasses import replace

from astroid import nodes

from pylint_hybridize.model.calls.graph import all_by
from pylint_hybridize.model.calls.recursion import Cycle, find_cycles
from pylint_hybridize.model.execution.opportunities import OpportunityQueries
from pylint_hybridize.model.execution.contexts import TracedContext
from pylint_hybridize.model.execution.conversion import Conversion, local_conversions
from pylint_hybridize.model.execution.guards import Guard, guard_of
from pylint_hybridize.model.execution.keras_build import first_call_symbolic, read_besides_none_tests
from pylint_hybridize.model.execution.traced import (
    TraceInfo,
    first_trace_by_function,
    local_traced,
    path_seen_from,
    traced_by_importers,
    under_init_scope,
)
from pylint_hybridize.model.hybrids.functions import first_by_function
from pylint_hybridize.model.project.files import package_on_sys_path, same_function_here
from pylint_hybridize.model.project.keras import KerasChoice, keras_in_use
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.syntax.references import enclosing_class
from pylint_hybridize.model.syntax.walk import FunctionLike, owner
from pylint_hybridize.model.values.model import ValueModel


class ExecutionModel(OpportunityQueries, ValueModel):
    """What runs at trace time in one module, and why (see the module doc)."""

    def __init__(self, module: nodes.Module, settings: Settings) -> None:
        super().__init__(module, settings)
        contexts, traced = local_traced(module, settings, self._facts)
        self.contexts: list[TracedContext] = contexts
        """Functions Keras / tf.data trace without a tf.function (see ``contexts``)."""
        self.traced: dict[FunctionLike, TraceInfo] = traced
        self._importers_tracing: dict[FunctionLike, list[nodes.Module]] = {}
        """The importers whose roots trace each function of this module (``conversion`` asks them all)."""
        if settings.cross_module:
            try:
                by_importers = traced_by_importers(module, settings)
            except (RecursionError, MemoryError, OSError):
                by_importers = []
            for function, other, _info in by_importers:
                self._importers_tracing.setdefault(function, []).append(other)
            extra = {f: info for f, info in first_trace_by_function(by_importers).items() if f not in traced}
            if extra:
                self.traced = {**traced, **extra}
        self._context_table: dict | None = None
        self._conversions: dict | None = None
        self._keras: KerasChoice | None = None
        self._foreign_conversions: dict = {}
        self._cycles: dict[nodes.Call, Cycle] | None = None
        self._eager_checks: dict[nodes.NodeNG, bool] = {}
        self._answers: dict = {}
        """Answers of ``CallerQueries`` (computed once per model)."""

    def trace_info(self, node: nodes.NodeNG) -> TraceInfo | None:
        """Why the code at ``node`` runs at trace time; None when it does not."""
        if not self.traced:
            return None
        scope = self._owner_of_call.get(node) if isinstance(node, nodes.Call) else None
        if scope is None:
            scope = owner(node)
        info = self.traced.get(scope)  # type: ignore[arg-type]
        if info is not None and under_init_scope(node, scope):
            return None  # an eager island: ``with tf.init_scope():`` runs its body outside the graph
        return info

    @property
    def keras(self) -> KerasChoice:
        """The Keras that runs this module (``--hybridize-keras``, or the project's evidence)."""
        if self._keras is None:
            self._keras = keras_in_use(self.module, self.settings.keras)
        return self._keras

    def conversion(self, node: nodes.NodeNG) -> Conversion | None:
        """How the traced code at ``node`` runs: autograph on or off, and why (``conversion``); None when
        it is not traced or the model cannot tell. Where this module's roots and other modules' reach
        it with different semantics, the unconverted decides, then the unknown (as within a module)."""
        trace = self.trace_info(node)
        if trace is None:
            return None
        scope = self._owner_of_call.get(node) if isinstance(node, nodes.Call) else None
        if scope is None:
            scope = owner(node)
        if self._conversions is None:
            with package_on_sys_path(self.module.file):
                self._conversions = local_conversions(self.module, self.settings)
        found = self._conversions.get(scope)
        if found is not None and found.hybrid.function is scope and not isinstance(found.hybrid, TracedContext):
            return found  # a tf.function converts its own body (or not) whoever calls it, another module too
        for other in self._importers_tracing.get(scope, ()):
            foreign = self._conversion_from(other, scope)
            if foreign is not None and (found is None or foreign.rank > found.rank):
                found = foreign
        return found

    def _conversion_from(self, other: nodes.Module, scope: nodes.NodeNG) -> Conversion | None:
        """The conversion of a function of this module traced by another module's roots (mapped here
        once per module), its path named as ``traced_by_importers`` names it."""
        if other is self.module or not isinstance(other, nodes.Module):
            return None
        mapped = self._foreign_conversions.get(other)
        if mapped is None:
            mapped = {}
            own_path = os.path.realpath(self.module.file) if self.module.file else ""
            with package_on_sys_path(self.module.file):
                for function, conversion in local_conversions(other, self.settings).items():
                    target = same_function_here(function, self.module, own_path)
                    if target is None or target in mapped:
                        continue
                    path = path_seen_from(self.module, own_path, other, conversion.hybrid, conversion.path)
                    mapped[target] = replace(conversion, path=path)
            self._foreign_conversions[other] = mapped
        return mapped.get(scope)

    def context_of(self, function: nodes.NodeNG) -> TracedContext | None:
        """The Keras / tf.data context that traces ``function`` itself (also when it is decorated)."""
        if self._context_table is None:
            self._context_table = first_by_function(self.contexts)
        return self._context_table.get(function)

    def contexts_of(self, function: nodes.NodeNG) -> list[TracedContext]:
        """Every Keras / tf.data context that traces ``function`` (in the order found)."""
        return list(all_by(self.contexts, self._by_function, "all-contexts", lambda context: context.function).get(
            function, ()
        ))

    def guard_of(self, node: nodes.NodeNG, callbacks: bool = False) -> Guard:
        """The guards around ``node``: does it run once, lazily, eagerly, under ``tf.init_scope()``
        (see ``guards``). A method that runs once by contract does not when it is itself the hybrid."""
        guard = guard_of(node, callbacks, self._eager_checks)
        if guard.run_once_method:
            trace = self.trace_info(node)
            if trace is not None and trace.is_hybrid_itself:
                guard = replace(guard, run_once_method=False)
        return guard

    def called_under_guard(self, function: nodes.NodeNG) -> bool:
        """Traced code calls ``function`` and every such call sits under a branch of its own function
        (``if self._loss is None: self._make_loss()``): its body need not run on every trace."""
        sites = [call for call in self.calls_to(function) if self.trace_info(call) is not None]
        return bool(sites) and all(self.guard_of(call).branch is not None for call in sites)

    def caches_symbolic_first_run(self, node: nodes.Assign, attribute: str) -> bool:
        """``node``, a statement of a Keras ``call``, fills ``self.<attribute>`` once (under ``if
        self.<attribute> is None:``), the class reads it, and Keras 3 runs that ``call`` symbolically
        before its first real call (``keras_build``): the cache keeps the scratch graph's tensor and
        every later call gets it."""
        function = node.frame()
        cls = enclosing_class(node)
        if not (isinstance(function, nodes.FunctionDef) and function.name == "call" and function.parent is cls):
            return False
        if not self.keras.is_keras_3 or not self.guard_of(node).lazy_on(f"self.{attribute}"):
            return False
        return read_besides_none_tests(cls, attribute) and first_call_symbolic(cls, self.instantiations)

    def recursion(self, call: nodes.Call) -> Cycle | None:
        """The recursion cycle (among traced functions) that ``call`` closes, if any."""
        if self._cycles is None:
            with package_on_sys_path(self.module.file):
                self._cycles = find_cycles(self, self.traced)
        return self._cycles.get(call)
