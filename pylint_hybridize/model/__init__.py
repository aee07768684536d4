"""The trace-time model: one per module, built once, shared by every checker.

``TraceModel.for_module(module, settings)`` answers, for any node of the
module: is it in code that runs at trace time, because of which hybrid
function, along which call path; which hybrid functions exist and with which
options; where they are called from.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from astroid import nodes

from pylint_hybridize.model import names
from pylint_hybridize.model.callsites import CallSite, find_call_sites
from pylint_hybridize.model.hybrids import FunctionLike, HybridFinder, HybridFunction
from pylint_hybridize.model.project import package_on_sys_path, traced_from_other_modules
from pylint_hybridize.model.traced import TraceInfo, compute_traced
from pylint_hybridize.model.walk import index_module, owner

__all__ = ["Settings", "TraceModel", "TraceInfo", "HybridFunction", "CallSite"]

# Packages whose import makes a module worth analysing at all.
_TRIGGER_ROOTS = frozenset({"tensorflow", "keras", "tf_keras"})


@dataclass(frozen=True)
class Settings:
    """User options that change the model (pylint and flake8 options map here)."""

    extra_wrappers: tuple[str, ...] = ()
    cross_module: bool = True
    """Also find helpers of this module traced by hybrids of other modules of its package."""


@dataclass
class TraceModel:
    module: nodes.Module
    settings: Settings
    hybrids: list[HybridFunction] = field(default_factory=list)
    traced: dict[FunctionLike, TraceInfo] = field(default_factory=dict)
    call_sites: list[CallSite] = field(default_factory=list)
    functions: list[FunctionLike] = field(default_factory=list)
    calls: list[nodes.Call] = field(default_factory=list)
    _owner_of_call: dict[nodes.Call, nodes.NodeNG] = field(default_factory=dict, repr=False)

    # -- construction ---------------------------------------------------
    @classmethod
    def for_module(cls, module: nodes.Module, settings: Settings | None = None) -> TraceModel:
        """The cached model of ``module`` (built on first use), cross-module callers included."""
        settings = settings or Settings()
        key = (id(module), settings, "full")
        cached = _CACHE.get(key)
        if cached is not None and cached.module is module:
            _CACHE.move_to_end(key)
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
            _owner_of_call=self._owner_of_call,
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
        if not self.hybrids:
            return
        self.traced = compute_traced(self.hybrids, dict(index.calls_by_owner))
        self.call_sites = find_call_sites(index.calls, self.hybrids)

    # -- queries ----------------------------------------------------------
    def trace_info(self, node: nodes.NodeNG) -> TraceInfo | None:
        """Why the code at ``node`` runs at trace time; None when it does not."""
        if not self.traced:
            return None
        scope = self._owner_of_call.get(node) if isinstance(node, nodes.Call) else None
        if scope is None:
            scope = owner(node)
        return self.traced.get(scope)  # type: ignore[arg-type]

    def hybrid_of(self, function: nodes.NodeNG) -> HybridFunction | None:
        for hybrid in self.hybrids:
            if hybrid.function is function:
                return hybrid
        return None

    def sites_of(self, hybrid: HybridFunction) -> list[CallSite]:
        return [site for site in self.call_sites if site.hybrid is hybrid]


_CACHE: OrderedDict[tuple[int, Settings, str], TraceModel] = OrderedDict()
_CACHE_SIZE = 256


def forget_models() -> None:
    """Drop every cached model (after ``project.forget_stale_package`` dropped modules they read)."""
    _CACHE.clear()


def _remember(key: tuple[int, Settings, str], model: TraceModel) -> None:
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
    return False
