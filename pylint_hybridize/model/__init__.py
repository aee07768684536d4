"""The trace-time model: one per module, built once, shared by every checker. This module is its
public face: ``TraceModel`` and the names checkers may use (``__all__``); checkers import nothing else
of the model (tests/test_checker_architecture.py).

``TraceModel.for_module(module, settings)`` answers, for any node of the module: is it in code that
runs at trace time, because of which hybrid function, along which call path; which hybrid functions
exist and with which options; where they are called from; what a value holds; who changes outer
state.

The model is built in layers, each a subpackage that imports only the ones below it (docs/
CONTRIBUTING.md, "Architecture"; tests/test_layers.py), top to bottom: ``state``, ``execution``,
``values``, ``calls``, ``hybrids``, ``project``, ``syntax``, ``catalogue``. ``TraceModel`` is the
execution model (``execution.model.ExecutionModel``, which extends ``values.model.ValueModel``, which
extends ``calls.graph.CallGraph``) with the state layer's ``outer_state`` and ``built_names``.
"""

from __future__ import annotations

from collections import OrderedDict

from astroid import nodes

from pylint_hybridize.model.calls.sites import CallSite
from pylint_hybridize.model.execution.contexts import TracedContext
from pylint_hybridize.model.execution.guards import Guard
from pylint_hybridize.model.execution.model import ExecutionModel
from pylint_hybridize.model.execution.traced import TraceInfo
from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.project.files import package_on_sys_path
from pylint_hybridize.model.project.index import forget_changed_packages
from pylint_hybridize.model.project.settings import Policy, Settings
from pylint_hybridize.model.project.store import forget_facts
from pylint_hybridize.model.state.creations import built_names
from pylint_hybridize.model.state.outer import OuterState
from pylint_hybridize.model.syntax.references import enclosing_class
from pylint_hybridize.model.syntax.walk import owner
from pylint_hybridize.model.values.answers import Answer, Kind


class TraceModel(ExecutionModel):
    """The model of one module (see the module doc); build it with ``for_module``."""

    def __init__(self, module: nodes.Module, settings: Settings) -> None:
        super().__init__(module, settings)
        self._outer_state: OuterState | None = None

    @classmethod
    def for_module(cls, module: nodes.Module, settings: Settings | None = None) -> TraceModel:
        """The cached model of ``module`` (built on first use), cross-module callers included.

        Built in one pass down the layers: the module's walk and hybrids, its call sites, the code
        its hybrids and contexts trace (and its importers' hybrids), each kept per module in the
        fact store (``project.store``); value kinds and outer state on first question."""
        last = _LAST
        if last[0] is module and last[1] is settings and settings is not None:
            return last[2]  # the previous question's model: the most recently used already
        settings = settings or Settings()
        # every checker asks this for nearly every node: the same module and Settings object as the
        # previous question answer without hashing the key's Settings (nothing was cached since)
        recent = _RECENT.get((id(module), id(settings)))
        if recent is not None and recent[0] is module and recent[1] is settings:
            _CACHE.move_to_end(recent[2])
            _LAST[:] = [module, settings, recent[3]]
            return recent[3]
        key = (id(module), settings)
        cached = _CACHE.get(key)
        if cached is not None and cached.module is module:
            _CACHE.move_to_end(key)
            _RECENT[(id(module), id(settings))] = (module, settings, key, cached)
            _LAST[:] = [module, settings, cached]
            return cached
        with package_on_sys_path(module.file):
            model = cls(module, settings)
        _remember(key, model)
        _LAST[:] = [module, settings, model]
        return model

    @property
    def outer_state(self) -> OuterState:
        """Module-level names, self attributes and outer containers of this module: how they are
        bound, who rebinds or changes them, eagerly or at trace time (built once, see ``state.outer``)."""
        if self._outer_state is None:
            self._outer_state = OuterState(self.module, self.traced, self.calls, self.calls_to)
        return self._outer_state

    def reassigned_between_calls(self, read: nodes.Attribute) -> bool | None:
        """The fact ``stale-attribute-read`` reports, asked for a read a new tf.function would trace
        (``tf-function-opportunity``): the value of ``self.<attr>`` flows into what the graph computes
        (``OuterState.flows_into_graph``, decisions included) and code that runs eagerly, again and
        again, reassigns it (``OuterState.eager_attribute_updates`` of the model of the class's module),
        not the function holding the read. None when unsure (the class's module cannot be modelled)."""
        if not OuterState.flows_into_graph(read, decisions=True):
            return False
        cls = enclosing_class(read)
        if cls is None:
            return None
        home = cls.root()
        try:
            model = self if home is self.module else TraceModel.for_module(home, self.settings)
            updates = model.outer_state.eager_attribute_updates(cls, read.attrname)
        except (RecursionError, MemoryError, OSError):
            return None
        return bool(updates) and not any(function is owner(read) for _statement, function in updates)

    @property
    def built_names(self) -> frozenset[str]:
        """Names on which ``.build(...)`` is called in this module: their variables are made up front
        (computed once, see ``state.creations.built_names``)."""
        return self._memo("built_names", lambda: built_names(self.calls))


_CACHE: OrderedDict[tuple[int, Settings], TraceModel] = OrderedDict()
_CACHE_SIZE = 256


_LAST: list = [None, None, None]
"""(module, settings, model) of ``for_module``'s last answer, which ``_CACHE`` holds last (most recently
used): the same question again returns it at once. Emptied with ``_CACHE``."""

_RECENT: dict[tuple[int, int], tuple[nodes.Module, Settings, tuple[int, Settings], TraceModel]] = {}
"""``for_module``'s answers since the cache last changed: (module, settings, key, model) by
(id(module), id(settings)); emptied whenever ``_CACHE`` gains or loses a model, so that a hit is
exactly what the cache holds."""


def forget_models() -> None:
    """Drop every cached model and fact (after ``forget_stale_package`` dropped modules they read)."""
    _CACHE.clear()
    _RECENT.clear()
    _LAST[:] = [None, None, None]
    forget_facts()


def forget_what_changed() -> None:
    """Before a pylint run in a process that ran one before (an editor's language server): forget
    the import index of every package whose files changed, and the models built from it."""
    if forget_changed_packages():
        forget_models()


def _remember(key: tuple[int, Settings], model: TraceModel) -> None:
    _RECENT.clear()
    _CACHE[key] = model
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)


# -- the model's public API: what checkers (and other front-ends) may ask -------------------------
# Checkers import from `pylint_hybridize.model` only (tests/test_checker_architecture.py holds them to it),
# so a question's home can move inside the model without touching a checker.
# modules asked as a whole
from pylint_hybridize.model import catalogue  # noqa: E402
from pylint_hybridize.model.execution import traces  # noqa: E402
from pylint_hybridize.model.execution.profiles import evidence, profile_entry, settings_text  # noqa: E402
from pylint_hybridize.model.execution.graphs import eager_or_caught, endless_recursion, runtime_error_names  # noqa: E402
from pylint_hybridize.model.execution.callers import under_scope  # noqa: E402
from pylint_hybridize.model.execution.loops import (  # noqa: E402
    captured_iteration_value,
    eager_python_loop,
    factory_call_per_iteration,
    instance_per_iteration,
    made_and_dropped_per_iteration,
    new_instance_in_loop,
    varying_loop_variable,
    varying_scalars,
    varying_shape,
)
from pylint_hybridize.model.execution.bodies import barren  # noqa: E402
from pylint_hybridize.model.execution.contexts import discarded_dataset_call, under_call_option  # noqa: E402
from pylint_hybridize.model.execution.conversion import Conversion  # noqa: E402
from pylint_hybridize.model.project.keras import KerasChoice, forget_keras_evidence, keras_in_use  # noqa: E402
from pylint_hybridize.model.execution.ranges import creates_tf_ops, has_tensor_op, range_count  # noqa: E402
from pylint_hybridize.model.catalogue.tracing import TF_FUNCTION  # noqa: E402
from pylint_hybridize.model.hybrids.signature import rejected_shapes  # noqa: E402
from pylint_hybridize.model.project.files import fresh_cached_module, record_parse, same_node_here  # noqa: E402
from pylint_hybridize.model.project.gate import worth_building  # noqa: E402
from pylint_hybridize.model.project.index import forget_stale_package  # noqa: E402
from pylint_hybridize.model.state import outputs  # noqa: E402
from pylint_hybridize.model.state.creations import (  # noqa: E402
    Repetition,
    created_once,
    keras_creation,
    keras_instance_kind,
    repetition,
)
from pylint_hybridize.model.state.mutations import MUTATING_METHODS  # noqa: E402
from pylint_hybridize.model.state.outer import member_read, part_of, updates_from_old_value  # noqa: E402
from pylint_hybridize.model.syntax import names, strings  # noqa: E402
from pylint_hybridize.model.syntax.modules import debug_context, imports_tensorflow, is_test_file  # noqa: E402
from pylint_hybridize.model.syntax.references import display_name, enclosing_class, is_self_reference  # noqa: E402
from pylint_hybridize.model.syntax.walk import enclosing_loop, first_yield, owner  # noqa: E402
from pylint_hybridize.model.values.answers import Basis  # noqa: E402
from pylint_hybridize.model.values.arguments import (  # noqa: E402
    hybrid_scalar_literals,
    is_true,
    keyed_arguments,
    python_object_argument,
    scalar_literals,
    true_by_default,
)
from pylint_hybridize.model.syntax.binding import extra_keywords  # noqa: E402
from pylint_hybridize.model.values.keras_arguments import (  # noqa: E402
    PythonArgument,
    constructor_python_arguments,
    training_python_argument,
)
from pylint_hybridize.model.values.static import shows_tensor_value  # noqa: E402

__all__ = [
    "Settings", "TraceModel", "TraceInfo", "HybridFunction", "TracedContext", "CallSite", "Kind", "Answer", "Policy", "Guard",
    "Basis",
    "Conversion",
    "PythonArgument",
    "KerasChoice",
    "MUTATING_METHODS",
    "Repetition",
    "TF_FUNCTION",
    "barren",
    "catalogue",
    "constructor_python_arguments",
    "created_once",
    "creates_tf_ops",
    "debug_context",
    "discarded_dataset_call",
    "display_name",
    "eager_or_caught",
    "eager_python_loop",
    "evidence",
    "enclosing_class",
    "enclosing_loop",
    "endless_recursion",
    "extra_keywords",
    "factory_call_per_iteration",
    "first_yield",
    "forget_keras_evidence",
    "forget_models",
    "forget_stale_package",
    "forget_what_changed",
    "fresh_cached_module",
    "has_tensor_op",
    "imports_tensorflow",
    "instance_per_iteration",
    "is_self_reference",
    "is_test_file",
    "is_true",
    "keras_creation",
    "keras_in_use",
    "keras_instance_kind",
    "keyed_arguments",
    "made_and_dropped_per_iteration",
    "captured_iteration_value",
    "member_read",
    "names",
    "new_instance_in_loop",
    "outputs",
    "owner",
    "part_of",
    "profile_entry",
    "settings_text",
    "python_object_argument",
    "range_count",
    "record_parse",
    "rejected_shapes",
    "repetition",
    "runtime_error_names",
    "same_node_here",
    "hybrid_scalar_literals",
    "scalar_literals",
    "shows_tensor_value",
    "strings",
    "traces",
    "training_python_argument",
    "true_by_default",
    "under_call_option",
    "under_scope",
    "updates_from_old_value",
    "varying_loop_variable",
    "varying_scalars",
    "varying_shape",
    "worth_building",
]
