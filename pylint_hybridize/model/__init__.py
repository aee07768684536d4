"""The trace-time model: one per module, built once, shared by every checker.

``TraceModel.for_module(module, settings)`` answers, for any node of the
module: is it in code that runs at trace time, because of which hybrid
function, along which call path; which hybrid functions exist and with which
options; where they are called from.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from astroid import nodes

from pylint_hybridize.model import names
from pylint_hybridize.model.callers import CallerQueries
from pylint_hybridize.model.callsites import CallSite, find_call_sites
from pylint_hybridize.model.contexts import find_contexts
from pylint_hybridize.model.creations import built_names
from pylint_hybridize.model.guards import Guard, guard_of
from pylint_hybridize.model.hybrids import FunctionLike, HybridFinder, HybridFunction, TracedContext
from pylint_hybridize.model import project
from pylint_hybridize.model.callsites import CallSiteIndex, enclosing_loop
from pylint_hybridize.model.hybrids import class_method, display_name, instance_class, resolve_local_class
from pylint_hybridize.model.project import package_on_sys_path, traced_from_other_modules
from pylint_hybridize.model.state import OuterState
from pylint_hybridize.model.traced import TraceInfo, compute_traced, resolve_callee, under_init_scope
from pylint_hybridize.model.values import Answer, Kind, Kinds, Policy
from pylint_hybridize.model.walk import calls_of_body, index_module, owner

__all__ = [
    "Settings", "TraceModel", "TraceInfo", "HybridFunction", "TracedContext", "CallSite", "Kind", "Answer", "Policy", "Guard",
]

# Packages whose import makes a module worth analysing at all.
_TRIGGER_ROOTS = frozenset({"tensorflow", "keras", "tf_keras"})


@dataclass(frozen=True)
class Settings:
    """User options that change the model (pylint and flake8 options map here)."""

    extra_wrappers: tuple[str, ...] = ()
    cross_module: bool = True
    """Also find helpers of this module traced by hybrids of other modules of its package."""
    parameter_policy: Policy = field(default_factory=lambda: _policy_from_environment())
    """What a hybrid's parameter is when no call site, signature or hint says (see docs/precision.md);
    ``PYLINT_HYBRIDIZE_PARAMETER_POLICY=assume-tensor`` switches it, to measure the other policy."""

    def __hash__(self) -> int:
        # part of every model cache key: hashed once, not on every question (the fields never change)
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.extra_wrappers, self.cross_module, self.parameter_policy))
            object.__setattr__(self, "_hash", cached)
        return cached


def _policy_from_environment() -> Policy:
    try:
        return Policy(os.environ.get("PYLINT_HYBRIDIZE_PARAMETER_POLICY", Policy.SILENT.value))
    except ValueError:
        return Policy.SILENT


@dataclass(frozen=True, eq=False)
class Cycle:
    """A recursion cycle among traced functions: ``calls`` close it (source order), with their paths."""

    functions: frozenset
    calls: tuple[tuple[nodes.Call, str], ...]
    """(call, path) where path is ``''`` for direct recursion, else ``f -> g -> f``."""


@dataclass
class TraceModel(CallerQueries):
    module: nodes.Module
    settings: Settings
    hybrids: list[HybridFunction] = field(default_factory=list)
    traced: dict[FunctionLike, TraceInfo] = field(default_factory=dict)
    call_sites: list[CallSite] = field(default_factory=list)
    functions: list[FunctionLike] = field(default_factory=list)
    calls: list[nodes.Call] = field(default_factory=list)
    contexts: list[TracedContext] = field(default_factory=list)
    """Functions Keras / tf.data trace without a tf.function (see ``contexts``)."""
    _owner_of_call: dict[nodes.Call, nodes.NodeNG] = field(default_factory=dict, repr=False)
    _callees: dict[nodes.Call, object] = field(default_factory=dict, repr=False)
    _calls_to: dict[nodes.NodeNG, list[nodes.Call]] = field(default_factory=dict, repr=False)
    _site_index: CallSiteIndex | None = field(default=None, repr=False)
    _kinds: Kinds | None = field(default=None, repr=False)
    _cycles: dict[nodes.Call, Cycle] | None = field(default=None, repr=False)
    _eager_checks: dict[nodes.NodeNG, bool] = field(default_factory=dict, repr=False)
    _outer_state: OuterState | None = field(default=None, repr=False)
    _hybrid_calls: dict[HybridFunction, list[nodes.Call]] = field(default_factory=dict, repr=False)
    _imported_called: list[HybridFunction] | None = field(default=None, repr=False)
    _instantiations: dict[nodes.ClassDef, list[nodes.Call]] | None = field(default=None, repr=False)
    _answers: dict = field(default_factory=dict, repr=False)
    """Answers of ``CallerQueries`` (computed once per model)."""
    _by_function: dict[str, tuple[list, int, dict]] = field(default_factory=dict, repr=False)

    # -- construction ---------------------------------------------------
    @classmethod
    def for_module(cls, module: nodes.Module, settings: Settings | None = None) -> TraceModel:
        """The cached model of ``module`` (built on first use), cross-module callers included."""
        settings = settings or Settings()
        # every checker asks this for nearly every node: the same module and Settings object as the
        # previous question answer without hashing the key's Settings (nothing was cached since)
        recent = _RECENT.get((id(module), id(settings)))
        if recent is not None and recent[0] is module and recent[1] is settings:
            _CACHE.move_to_end(recent[2])
            return recent[3]
        key = (id(module), settings, "full")
        cached = _CACHE.get(key)
        if cached is not None and cached.module is module:
            _CACHE.move_to_end(key)
            _RECENT[(id(module), id(settings))] = (module, settings, key, cached)
            return cached
        with package_on_sys_path(module.file):
            model = cls._local(module, settings)
            if settings.cross_module:
                model = model._with_cross_module_callers()
        _remember(key, model)
        return model

    @classmethod
    def _local(cls, module: nodes.Module, settings: Settings) -> TraceModel:
        """The model from this module's own hybrids only (cached)."""
        key = (id(module), settings, "local")
        cached = _CACHE.get(key)
        if cached is not None and cached.module is module:
            _CACHE.move_to_end(key)
            return cached
        model = cls(module, settings)
        try:
            model._build()
        except (RecursionError, MemoryError):
            model = cls(module, settings)  # give up on this module quietly: empty model
        _remember(key, model)
        return model

    def _with_cross_module_callers(self) -> TraceModel:
        try:
            extra = traced_from_other_modules(self.module, self.settings, lambda m: TraceModel._local(m, self.settings))
        except (RecursionError, MemoryError, OSError):
            extra = {}
        extra = {function: info for function, info in extra.items() if function not in self.traced}
        if not extra:
            return self
        merged = TraceModel(
            self.module,
            self.settings,
            hybrids=self.hybrids,
            traced={**self.traced, **extra},
            call_sites=self.call_sites,
            functions=self.functions,
            calls=self.calls,
            contexts=self.contexts,
            _owner_of_call=self._owner_of_call,
            _callees=self._callees,
            _calls_to=self._calls_to,
        )
        return merged

    def _build(self) -> None:
        if not _mentions_tensorflow(self.module, self.settings):
            return
        index = index_module(self.module)
        self.functions = index.functions
        self.calls = index.calls
        self._owner_of_call = index.owner_of_call
        finder = HybridFinder(self.settings.extra_wrappers)
        seen: set[FunctionLike] = set()
        for function in index.functions:
            if isinstance(function, nodes.FunctionDef):
                hybrid = finder.from_decorators(function)
                if hybrid is not None:
                    self.hybrids.append(hybrid)
                    seen.add(function)
        for call in index.calls:
            hybrid = finder.from_call(call)
            # a def wrapped by tf.function(f) twice is two graphs: keep both, but a
            # decorated def re-wrapped by tf.function(f) is one hybrid already
            if hybrid is not None and hybrid.function not in seen:
                self.hybrids.append(hybrid)
        self.contexts = find_contexts(self.module, index.calls)
        if self.hybrids or self.contexts:
            # tf.function wins over a context for the same def (``@tf.function def train_step``)
            self.traced = compute_traced([*self.hybrids, *self.contexts], dict(index.calls_by_owner))
        if self.hybrids:
            self.call_sites = find_call_sites(index.calls, self.hybrids)
        self.call_sites.extend(self._imported_hybrid_sites())

    def _imported_hybrid_sites(self) -> list[CallSite]:
        """Calls in loops of this module to hybrids defined in other modules of the package
        (``from pkg.model import step`` / ``model.step(...)`` in a train loop)."""
        sites = []
        for call in self.calls:
            loop = enclosing_loop(call)
            if loop is None:
                continue
            hybrid = self.imported_hybrid(call)
            if hybrid is not None:
                sites.append(CallSite(call, hybrid, loop))
        return sites

    def imported_hybrid(self, call: nodes.Call) -> HybridFunction | None:
        """The hybrid of another project module that ``call`` calls by its imported name."""
        target = names.project_target(call.func)
        if target is None:
            return None
        module, name = target
        other = TraceModel._local(module, self.settings)
        for hybrid in other.hybrids:
            if hybrid.via == "decorator" and getattr(hybrid.function, "name", None) == name and hybrid.function.parent is module:
                return hybrid
            for binding in hybrid.bindings:
                if isinstance(binding, nodes.AssignName) and binding.name == name and binding.scope() is module:
                    return hybrid
        return None

    # -- queries ----------------------------------------------------------
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

    def context_of(self, function: nodes.NodeNG) -> TracedContext | None:
        """The Keras / tf.data context that traces ``function`` itself (also when it is decorated)."""
        return _first_by_function(self.contexts, self._by_function, "contexts").get(function)

    def hybrid_of(self, function: nodes.NodeNG) -> HybridFunction | None:
        return _first_by_function(self.hybrids, self._by_function, "hybrids").get(function)

    def hybrid_created_at(self, call: nodes.Call) -> HybridFunction | None:
        """The first hybrid whose creation is ``call``: the decorator or ``tf.function(...)`` call
        itself, or the call that takes a ``tf.function(...)`` call as an argument (indexed once per
        model: asking this for every call of a module stays linear in its size)."""
        cached = self._by_function.get("creations")
        if cached is None or cached[0] is not self.hybrids or cached[1] != len(self.hybrids):
            table: dict = {}
            for hybrid in self.hybrids:
                table.setdefault(hybrid.creation, hybrid)
                if hybrid.via == "call":
                    table.setdefault(hybrid.creation.parent, hybrid)
            cached = self._by_function["creations"] = (self.hybrids, len(self.hybrids), table)
        return cached[2].get(call)

    def hybrid_concerning(self, node: nodes.NodeNG) -> HybridFunction | None:
        """The hybrid a finding at ``node`` is about: the one whose function ``node`` is, the one
        created at ``node``, or the one called by the call whose argument ``node`` is."""
        found = self.hybrid_of(node) or self.hybrid_created_at(node)
        if found is not None:
            return found
        call = node.parent
        while call is not None and not isinstance(call, nodes.Call):
            call = call.parent if not call.is_statement else None
        return next((site.hybrid for site in self.call_sites if site.call is call), None) if call is not None else None

    def sites_of(self, hybrid: HybridFunction) -> list[CallSite]:
        """The call sites of ``hybrid`` in this module (source order; indexed once per model)."""
        return list(_all_by(self.call_sites, self._by_function, "sites", lambda site: site.hybrid).get(hybrid, ()))

    def contexts_of(self, function: nodes.NodeNG) -> list[TracedContext]:
        """Every Keras / tf.data context that traces ``function`` (in the order found)."""
        return list(_all_by(self.contexts, self._by_function, "all-contexts", lambda context: context.function).get(
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

    @property
    def built_names(self) -> frozenset[str]:
        """Names on which ``.build(...)`` is called in this module: their variables are made up front
        (computed once, see ``creations.built_names``)."""
        return self._memo("built_names", lambda: built_names(self.calls))

    def hybrid_calls(self, hybrid: HybridFunction) -> list[nodes.Call]:
        """Every visible call of ``hybrid`` in its package: its own module's call sites (source order),
        then the calls of the other modules that import it (by file, then position). Cached."""
        cached = self._hybrid_calls.get(hybrid)
        if cached is not None:
            return cached
        home = hybrid.function.root()
        home_model = self if home is self.module else TraceModel._local(home, self.settings)
        found = [site.call for site in home_model.sites_of(hybrid)]
        if self.settings.cross_module:
            with package_on_sys_path(self.module.file):
                others = [call for call in self.calls_to(hybrid.function) if call.root() is not home]
            others.sort(key=lambda call: (call.root().file or "", call.lineno or 0, call.col_offset or 0))
            found += others
        self._hybrid_calls[hybrid] = found
        return found

    def imported_hybrids_called(self) -> list[HybridFunction]:
        """Hybrids of other modules of the package that this module calls by an imported name
        (in the order of their first call). Cached."""
        if self._imported_called is None:
            found: list[HybridFunction] = []
            with package_on_sys_path(self.module.file):
                for call in self.calls:
                    if not isinstance(call.func, (nodes.Name, nodes.Attribute)):
                        continue
                    hybrid = self.imported_hybrid(call)
                    if hybrid is not None and all(hybrid is not h for h in found):
                        found.append(hybrid)
            self._imported_called = found
        return self._imported_called

    def instantiations(self, cls: nodes.ClassDef) -> list[nodes.Call]:
        """The calls of this module that build an instance of ``cls`` by its name (``Cls(...)``)."""
        if self._instantiations is None:
            by_class: dict[nodes.ClassDef, list[nodes.Call]] = {}
            for call in self.calls:
                found = resolve_local_class(call.func)
                if found is not None:
                    by_class.setdefault(found, []).append(call)
            self._instantiations = by_class
        return self._instantiations.get(cls, [])

    def calls_in_module(self, function: nodes.NodeNG) -> list[nodes.Call]:
        """The calls of ``function`` made in this module (``calls_to`` without the other modules)."""
        wanted = _call_names(function, self)
        return [call for call in project.calls_named(self.calls, wanted) if self.callee_of(call) is function]

    # -- who calls whom, and what values are ------------------------------------
    def hybrid_called_by(self, call: nodes.Call) -> HybridFunction | None:
        """The hybrid of this module that ``call`` calls (see ``CallSiteIndex.hybrid_called_by``)."""
        if self._site_index is None:
            self._site_index = CallSiteIndex(self.hybrids)
        return self._site_index.hybrid_called_by(call)

    def callee_of(self, call: nodes.Call) -> FunctionLike | None:
        """The project function (def or lambda) ``call`` calls, or None when unsure (cached)."""
        if call in self._callees:
            return self._callees[call]  # type: ignore[return-value]
        callee = None
        hybrid = self.hybrid_called_by(call)
        if hybrid is not None:
            callee = hybrid.function
        if callee is None:
            callee = resolve_callee(call.func)
        if callee is None and isinstance(call.func, nodes.Attribute) and isinstance(call.func.expr, nodes.Name):
            cls = instance_class(call.func.expr)
            if cls is not None:
                callee = class_method(cls, call.func.attrname)
        if callee is None:
            callee = _alias_target(call.func)
        if callee is None:
            hybrid = self.imported_hybrid(call)
            callee = hybrid.function if hybrid is not None else None
        self._callees[call] = callee
        return callee

    def calls_to(self, function: nodes.NodeNG) -> list[nodes.Call]:
        """Every visible call of ``function``: in its module and in the other modules of its package."""
        cached = self._calls_to.get(function)
        if cached is not None:
            return cached
        self._calls_to[function] = []  # re-entry (recursion through kinds) sees no sites
        home = function.root()
        model = self if home is self.module else TraceModel._local(home, self.settings)
        wanted = _call_names(function, model)
        local_calls = model.calls if model.calls or home is self.module else project.module_calls(home)
        found = [call for call in project.calls_named(local_calls, wanted) if model.callee_of(call) is function]
        if self.settings.cross_module:
            try:
                found += project.calls_from_other_modules(
                    function,
                    lambda call: TraceModel._local(call.root(), self.settings).callee_of(call),
                    self.settings.extra_wrappers,
                    also=frozenset(wanted),
                )
            except (RecursionError, MemoryError, OSError):
                pass
        self._calls_to[function] = found
        return found

    def callees(self, function: nodes.NodeNG) -> list[tuple[nodes.Call, FunctionLike]]:
        """The call graph's edges out of ``function``: (call, callee) for calls in its body."""
        home = function.root()
        model = self if home is self.module else TraceModel._local(home, self.settings)
        found = []
        for call in calls_of_body(function):
            callee = model.callee_of(call)
            if callee is not None:
                found.append((call, callee))
        return found

    def recursion(self, call: nodes.Call) -> Cycle | None:
        """The recursion cycle (among traced functions) that ``call`` closes, if any."""
        if self._cycles is None:
            with package_on_sys_path(self.module.file):
                self._cycles = self._find_cycles()
        return self._cycles.get(call)

    def _find_cycles(self) -> dict[nodes.Call, Cycle]:
        edges = {function: [(c, f) for c, f in self.callees(function) if f in self.traced] for function in self.traced}
        closing: dict[nodes.Call, tuple[str, frozenset]] = {}
        for function in self.traced:
            if function.root() is not self.module:
                continue
            for call, callee in edges.get(function, ()):
                if callee is function:
                    closing[call] = ("", frozenset({function}))
                    continue
                path = _path_between(callee, function, edges)
                if path is not None:
                    members = [function, *path]
                    closing[call] = (" -> ".join(display_name(f) for f in members), frozenset(members))
        by_members: dict[frozenset, list[tuple[nodes.Call, str]]] = {}
        for call, (path, members) in closing.items():
            by_members.setdefault(members, []).append((call, path))
        result: dict[nodes.Call, Cycle] = {}
        for members, calls in by_members.items():
            calls.sort(key=lambda pair: (pair[0].lineno or 0, pair[0].col_offset or 0))
            cycle = Cycle(members, tuple(calls))
            for call, _path in calls:
                result[call] = cycle
        return result

    @property
    def outer_state(self) -> OuterState:
        """Module-level names, self attributes and outer containers of this module: how they are
        bound, who rebinds or changes them, eagerly or at trace time (built once, see ``state``)."""
        if self._outer_state is None:
            self._outer_state = OuterState(self.module, self.traced, self.calls)
        return self._outer_state

    @property
    def kinds(self) -> Kinds:
        """The value-kind model of this module (call sites across the package, configured wrappers)."""
        if self._kinds is None:
            self._kinds = Kinds(
                sites_of=self.calls_to,
                hybrid_of=self._hybrid_anywhere,
                policy=self.settings.parameter_policy,
                extra_wrappers=self.settings.extra_wrappers,
            )
        return self._kinds

    def kind(self, expr: nodes.NodeNG | None) -> Answer:
        """What ``expr`` holds (see ``values.Answer``)."""
        with package_on_sys_path(self.module.file):
            return self.kinds.of(expr)

    def _hybrid_anywhere(self, function: nodes.NodeNG) -> HybridFunction | None:
        home = function.root()
        if home is self.module:
            return self.hybrid_of(function)
        return TraceModel._local(home, self.settings).hybrid_of(function)


def _alias_target(func: nodes.NodeNG) -> FunctionLike | None:
    """``again`` in ``again = fact; again(n - 1)``: the function a name bound once to another name is."""
    value = names.bound_value(func)
    if not isinstance(value, (nodes.Name, nodes.Attribute)):
        return None
    if isinstance(value, nodes.Name) and value.name == getattr(func, "name", None):
        return None
    return resolve_callee(value)


def _path_between(start: nodes.NodeNG, goal: nodes.NodeNG, edges: dict) -> list[nodes.NodeNG] | None:
    """Shortest call path start -> ... -> goal (both included), or None."""
    previous: dict[nodes.NodeNG, nodes.NodeNG | None] = {start: None}
    frontier = [start]
    while frontier:
        following = []
        for current in frontier:
            for _call, callee in edges.get(current, ()):
                if callee in previous:
                    continue
                previous[callee] = current
                if callee is goal:
                    path = [goal]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])  # type: ignore[arg-type]
                    return list(reversed(path))
                following.append(callee)
        frontier = following
    return None


def _first_by_function(items: list, memo: dict[str, tuple[list, int, dict]], name: str) -> dict:
    """{function: the first of ``items`` (hybrids or contexts) for it}, kept in ``memo[name]`` until
    the list changes: one dict look-up per question instead of a scan of the module's list."""
    cached = memo.get(name)
    if cached is None or cached[0] is not items or cached[1] != len(items):
        table: dict = {}
        for item in items:
            table.setdefault(item.function, item)
        cached = memo[name] = (items, len(items), table)
    return cached[2]


def _all_by(items: list, memo: dict[str, tuple[list, int, dict]], name: str, key) -> dict:
    """{key(item): [items with that key, in order]}, kept in ``memo[name]`` until the list changes
    (``_first_by_function`` with every item kept)."""
    cached = memo.get(name)
    if cached is None or cached[0] is not items or cached[1] != len(items):
        table: dict = {}
        for item in items:
            table.setdefault(key(item), []).append(item)
        cached = memo[name] = (items, len(items), table)
    return cached[2]


def _call_names(function: nodes.NodeNG, model: TraceModel) -> set[str]:
    """Names a call of ``function`` may be spelled with: its own, and where tf.function(...) stored it."""
    found = set()
    name = getattr(function, "name", None)
    if name:
        found.add(name)
    if isinstance(function, nodes.Lambda):
        parent = function.parent
        if isinstance(parent, nodes.Assign):
            found.update(t.name for t in parent.targets if isinstance(t, nodes.AssignName))
    for hybrid in _all_by(model.hybrids, model._by_function, "all-hybrids", lambda h: h.function).get(function, ()):
        if hybrid.function is function:
            for binding in hybrid.bindings:
                found.add(binding.name if isinstance(binding, nodes.AssignName) else getattr(binding, "attrname", ""))
    return found


_CACHE: OrderedDict[tuple[int, Settings, str], TraceModel] = OrderedDict()
_CACHE_SIZE = 256


_RECENT: dict[tuple[int, int], tuple[nodes.Module, Settings, tuple[int, Settings, str], TraceModel]] = {}
"""``for_module``'s answers since the cache last changed: (module, settings, key, model) by
(id(module), id(settings)); emptied whenever ``_CACHE`` gains or loses a model, so that a hit is
exactly what the cache holds."""


def forget_models() -> None:
    """Drop every cached model (after ``project.forget_stale_package`` dropped modules they read)."""
    _CACHE.clear()
    _RECENT.clear()


def _remember(key: tuple[int, Settings, str], model: TraceModel) -> None:
    _RECENT.clear()
    _CACHE[key] = model
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)


def _mentions_tensorflow(module: nodes.Module, settings: Settings) -> bool:
    """Cheap gate: a module that never imports TF/Keras (or a wrapper) gets an empty model.

    Only module-level imports are looked at (``module.locals``), which costs
    nothing; TF imported only inside a function is not analysed.
    """
    wrapper_roots = {names.root_package(w) for w in settings.extra_wrappers}
    for assignments in module.locals.values():
        for assignment in assignments:
            if isinstance(assignment, nodes.Import):
                roots = {names.root_package(name) for name, _alias in assignment.names}
            elif isinstance(assignment, nodes.ImportFrom):
                if assignment.level:
                    continue
                roots = {names.root_package(assignment.modname or "")}
            else:
                continue
            if roots & _TRIGGER_ROOTS or roots & wrapper_roots:
                return True
    return _subclasses_project_class(module)


def _subclasses_project_class(module: nodes.Module) -> bool:
    """A class deriving from a class imported from this package (maybe a Keras model defined there)."""
    own_root = (module.name or "").split(".", 1)[0]
    for statement in module.body:
        if not isinstance(statement, nodes.ClassDef):
            continue
        for base in statement.bases:
            while isinstance(base, nodes.Attribute):
                base = base.expr
            if not isinstance(base, nodes.Name):
                continue
            for assignment in module.locals.get(base.name, ()):
                if isinstance(assignment, nodes.ImportFrom) and (
                    assignment.level or (own_root and (assignment.modname or "").split(".", 1)[0] == own_root)
                ):
                    return True
                if isinstance(assignment, nodes.Import) and own_root and any(
                    name.split(".", 1)[0] == own_root for name, _alias in assignment.names
                ):
                    return True
    return False


# -- the model's public API: what checkers (and other front-ends) may ask -------------------------
# Checkers import from `pylint_hybridize.model` only (tests/test_checker_architecture.py holds them to it),
# so a question's home can move inside the model without touching a checker.
# modules asked as a whole
from pylint_hybridize.model import catalogue, outputs, strings, traces  # noqa: E402
from pylint_hybridize.model.arguments import (  # noqa: E402
    is_true,
    keyed_arguments,
    python_object_argument,
    scalar_literals,
    true_by_default,
)
from pylint_hybridize.model.bodies import barren  # noqa: E402
from pylint_hybridize.model.contexts import shows_tensor_value, under_call_option  # noqa: E402
from pylint_hybridize.model.creations import Repetition, created_once, keras_instance_kind, repetition  # noqa: E402
from pylint_hybridize.model.graphs import eager_or_caught, endless_recursion, runtime_error_names  # noqa: E402
from pylint_hybridize.model.hybrids import TF_FUNCTION, enclosing_class, is_self_reference  # noqa: E402
from pylint_hybridize.model.loops import (  # noqa: E402
    factory_call_per_iteration,
    instance_per_iteration,
    new_instance_in_loop,
    varying_loop_variable,
    varying_scalars,
    varying_shape,
)
from pylint_hybridize.model.modules import debug_context, imports_tensorflow, is_test_file  # noqa: E402
from pylint_hybridize.model.ranges import creates_tf_ops, has_tensor_op, range_count  # noqa: E402
from pylint_hybridize.model.signature import rejected_shapes  # noqa: E402
from pylint_hybridize.model.state import MUTATING_METHODS, member_read, part_of, updates_from_old_value  # noqa: E402
from pylint_hybridize.model.values import Basis, extra_keywords  # noqa: E402
from pylint_hybridize.model.walk import first_yield  # noqa: E402

__all__ += [
    "Basis",
    "MUTATING_METHODS",
    "Repetition",
    "TF_FUNCTION",
    "barren",
    "catalogue",
    "created_once",
    "creates_tf_ops",
    "debug_context",
    "display_name",
    "eager_or_caught",
    "enclosing_class",
    "enclosing_loop",
    "endless_recursion",
    "extra_keywords",
    "factory_call_per_iteration",
    "first_yield",
    "has_tensor_op",
    "imports_tensorflow",
    "instance_per_iteration",
    "is_self_reference",
    "is_test_file",
    "is_true",
    "keras_instance_kind",
    "keyed_arguments",
    "member_read",
    "names",
    "new_instance_in_loop",
    "outputs",
    "owner",
    "part_of",
    "project",
    "python_object_argument",
    "range_count",
    "rejected_shapes",
    "repetition",
    "runtime_error_names",
    "scalar_literals",
    "shows_tensor_value",
    "strings",
    "traces",
    "true_by_default",
    "under_call_option",
    "updates_from_old_value",
    "varying_loop_variable",
    "varying_scalars",
    "varying_shape",
]
