"""The project call graph of one module: which project function a call calls (``callee_of``), every
visible call of a function in its package (``calls_to``), the calls out of a function (``callees``),
and the hybrids a module's calls reach (its call sites, hybrids imported from other modules).

``CallGraph.of(module, settings)`` is the graph of any module (kept in the fact store); the model of
the module being checked is one too (``TraceModel`` extends it). Calls are resolved without
inference (``syntax.references``), through the module's hybrids (``self.step = tf.function(...)``,
``hybrids``), and across the package's modules through the project index (``project.index``).
Reach through wrappers or objects (``obj = make(); obj.step(x)``) belongs in ``callee_of``.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.calls.sites import CallSite, CallSiteIndex, find_call_sites
from pylint_hybridize.model.hybrids.functions import (
    HybridFunction, analysed_index, hybrid_table, in_decorated_hybrid, module_hybrids,
)
from pylint_hybridize.model.project.files import package_on_sys_path, real_path, same_function_here
from pylint_hybridize.model.project.index import calls_from_importers, calls_named, module_calls
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.project.store import Facts, module_facts, node_fact
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import bind_arguments, parameter_of
from pylint_hybridize.model.syntax.references import (
    class_method,
    instance_class,
    receiver_classes,
    resolve_callee,
    resolve_local_class,
    shared_method,
)
from pylint_hybridize.model.syntax.walk import FunctionLike, calls_of_body, enclosing_loop


class _Shared:
    """What every graph of one module shares (kept in the fact store): its call sites, and the
    answers of ``callee_of`` / ``calls_to`` computed so far."""

    def __init__(self) -> None:
        self.call_sites: list[CallSite] | None = None
        self.callees: dict[nodes.Call, object] = {}
        self.calls_to: dict[nodes.NodeNG, list[nodes.Call]] = {}
        self.by_callee: dict[nodes.NodeNG, dict[FunctionLike, list[nodes.Call]]] = {}
        self.hybrid_calls: dict[HybridFunction, list[nodes.Call]] = {}


class CallGraph:
    """The call graph of one module (see the module doc)."""

    def __init__(self, module: nodes.Module, settings: Settings, facts: Facts | None = None) -> None:
        self.module = module
        self.settings = settings
        self._facts = module_facts(module, settings) if facts is None else facts
        """The module's kept facts: this graph's (and its subclasses') come from them alone."""
        index = analysed_index(module, settings)
        self.functions: list[FunctionLike] = index.functions
        self.calls: list[nodes.Call] = index.calls
        self._owner_of_call: dict[nodes.Call, nodes.NodeNG] = index.owner_of_call
        self.hybrids: list[HybridFunction] = module_hybrids(module, settings, self._facts)
        self._site_index: CallSiteIndex | None = None
        self._hybrid_table: dict[FunctionLike, HybridFunction] | None = None
        self._imported_called: list[HybridFunction] | None = None
        self._instantiations: dict[nodes.ClassDef, list[nodes.Call]] | None = None
        self._by_function: dict[str, tuple[list, int, dict]] = {}
        self._instance_names_of: dict[nodes.ClassDef, set[str] | None] = {}
        shared = self._facts.kept("call-graph", _Shared)
        self._callees = shared.callees
        self._calls_to = shared.calls_to
        self._by_callee = shared.by_callee
        self._hybrid_calls = shared.hybrid_calls
        if shared.call_sites is None:
            shared.call_sites = self._find_call_sites()
        self.call_sites: list[CallSite] = shared.call_sites

    @staticmethod
    def of(module: nodes.Module, settings: Settings) -> CallGraph:
        """The call graph of ``module`` (any module of the package), kept in the fact store."""
        facts = module_facts(module, settings)
        return facts.kept("call-graph-view", lambda: CallGraph(module, settings, facts))

    def _find_call_sites(self) -> list[CallSite]:
        try:
            sites = find_call_sites(self.calls, self.hybrids) if self.hybrids else []
            sites.extend(self._imported_hybrid_sites())
        except (RecursionError, MemoryError):
            return []  # give up on this module quietly
        return sites

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

    # -- hybrids of this module and their call sites -----------------------------------------------
    def hybrid_of(self, function: nodes.NodeNG) -> HybridFunction | None:
        """The first hybrid of this module whose function ``function`` is."""
        if self._hybrid_table is None:
            self._hybrid_table = hybrid_table(self.module, self.settings, self._facts)
        return self._hybrid_table.get(function)

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

    def runs_only_while_traced(self, call: nodes.Call) -> bool:
        """``call`` is made in the body of a tf.function-decorated def: a hybrid it calls is traced once
        per trace of that def, whatever the arguments vary by (a Python loop there is unrolled while
        tracing), and never again when the traced graph runs (``hybrids.functions.in_decorated_hybrid``)."""
        return in_decorated_hybrid(call, self.settings)

    def sites_of(self, hybrid: HybridFunction) -> list[CallSite]:
        """The call sites of ``hybrid`` in this module (source order; indexed once per model)."""
        return list(all_by(self.call_sites, self._by_function, "sites", lambda site: site.hybrid).get(hybrid, ()))

    def hybrid_calls(self, hybrid: HybridFunction) -> list[nodes.Call]:
        """Every visible call of ``hybrid`` in its package: its own module's call sites (source order),
        then the calls of the other modules that import it (by file, then position). Kept by the graph
        of the hybrid's own module (``calls_to`` is too): every module calling the hybrid asks."""
        home = hybrid.function.root()
        home_graph = self if home is self.module else CallGraph.of(home, self.settings)
        cached = home_graph._hybrid_calls.get(hybrid)
        if cached is not None:
            return cached
        found = [site.call for site in home_graph.sites_of(hybrid)]
        if self.settings.cross_module:
            with package_on_sys_path(self.module.file):
                others = [call for call in self.calls_to(hybrid.function) if call.root() is not home]
            others.sort(key=lambda call: (call.root().file or "", call.lineno or 0, call.col_offset or 0))
            found += others
        home_graph._hybrid_calls[hybrid] = found
        return found

    def imported_hybrid(self, call: nodes.Call) -> HybridFunction | None:
        """The hybrid of another project module that ``call`` calls by its imported name."""
        target = names.project_target(call.func)
        if target is None:
            return None
        module, name = target
        for hybrid in module_hybrids(module, self.settings):
            if hybrid.via == "decorator" and getattr(hybrid.function, "name", None) == name and hybrid.function.parent is module:
                return hybrid
            for binding in hybrid.bindings:
                if isinstance(binding, nodes.AssignName) and binding.name == name and binding.scope() is module:
                    return hybrid
        return None

    def imported_hybrids_called(self) -> list[HybridFunction]:
        """Hybrids of other modules of the package that this module calls by an imported name
        (in the order of their first call). Cached."""
        if self._imported_called is None:
            found: list[HybridFunction] = []
            seen: set[int] = set()  # by identity, as the list's own test was
            with package_on_sys_path(self.module.file):
                for call in self.calls:
                    if not isinstance(call.func, (nodes.Name, nodes.Attribute)):
                        continue
                    hybrid = self.imported_hybrid(call)
                    if hybrid is not None and id(hybrid) not in seen:
                        seen.add(id(hybrid))
                        found.append(hybrid)
            self._imported_called = found
        return self._imported_called

    def hybrid_called_by(self, call: nodes.Call) -> HybridFunction | None:
        """The hybrid of this module that ``call`` calls (see ``CallSiteIndex.hybrid_called_by``)."""
        if self._site_index is None:
            self._site_index = CallSiteIndex(self.hybrids)
        return self._site_index.hybrid_called_by(call)

    # -- who calls whom ----------------------------------------------------------------------------
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
        wanted = call_names(function, self)
        return [call for call in calls_named(self.calls, wanted) if self.callee_of(call) is function]

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
        if callee is None:
            callee = self._method_of_parameter(call.func)
        self._callees[call] = callee
        return callee

    # -- objects passed as parameters --------------------------------------------------------------
    def _method_of_parameter(self, func: nodes.NodeNG) -> nodes.FunctionDef | None:
        """``deepdream(img, ...)`` / ``model.sample(z)`` where ``deepdream`` / ``model`` is a parameter:
        the method (``__call__`` / ``sample``) every object its visible callers pass runs."""
        if isinstance(func, nodes.Name):
            receiver, method = func, "__call__"
        elif isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Name):
            receiver, method = func.expr, func.attrname
        else:
            return None
        if parameter_of(receiver) is None:
            return None
        found = shared_method(self.parameter_classes(receiver), method)
        if found is not None and found.root() is not self.module and self.module.file:
            # the class as the callers' module imported it: another parse of this very file
            found = same_function_here(found, self.module, real_path(self.module.file)) or found
        return found

    def parameter_classes(self, name: nodes.Name, _depth: int = 0) -> list[nodes.ClassDef] | None:
        """The project classes of the object a parameter holds, read at every visible call of its def
        (``run_deep_dream_simple(deepdream, ...)`` with ``deepdream = DeepDream(model)``): the argument
        each call passes, by ``receiver_classes``, or, when that is a parameter of the calling def in
        turn, by the same question of its callers (up to ``_PARAMETER_DEPTH`` calls up). None when
        unsure: no call is visible, a call passes something else or nothing (a default), or too deep."""
        found = parameter_of(name)
        if found is None or _depth > _PARAMETER_DEPTH:
            return None
        function, parameter = found
        home = function.root()
        graph = self if home is self.module else CallGraph.of(home, self.settings)
        sites = graph.calls_to(function)
        if not sites:
            return None
        classes: list[nodes.ClassDef] = []
        for site in sites:
            value = bind_arguments(site, function).values.get(parameter)
            if value is None:
                return None
            answer = receiver_classes(value)
            if answer is None and isinstance(value, nodes.Name) and parameter_of(value) is not None:
                site_graph = self if site.root() is self.module else CallGraph.of(site.root(), self.settings)
                answer = site_graph.parameter_classes(value, _depth + 1)
            if not answer:
                return None
            classes.extend(c for c in answer if c not in classes)
        return classes

    def instance_names(self, cls: nodes.ClassDef) -> set[str] | None:
        """The names calls of ``cls``'s instances are spelled with (``deepdream(img, ...)``), when every
        instance the package builds is seen: each ``Cls(...)`` is bound to one name (``deepdream =
        DeepDream(model)``), and each use of that name calls it, calls a method of it, or passes it to
        a project def whose parameter is then only called or has its methods called
        (``run_deep_dream_simple(deepdream, ...)``); the names are those and the parameters'. None when
        an instance goes anywhere else (stored, returned, handed to a library): who calls it, no call
        shows. Kept by the class's module's graph."""
        home = cls.root()
        graph = self if home is self.module else CallGraph.of(home, self.settings)
        if cls not in graph._instance_names_of:
            graph._instance_names_of[cls] = None  # re-entry (a flow through calls of its own): unsure
            graph._instance_names_of[cls] = graph._instance_names(cls)
        return graph._instance_names_of[cls]

    def _instance_names(self, cls: nodes.ClassDef) -> set[str] | None:
        creations = list(self.instantiations(cls))
        if self.settings.cross_module:
            try:
                for other, calls in calls_from_importers(self.module, {cls.name}, self.settings.extra_wrappers):
                    creations += [c for c in calls if builds_instance(c, cls)]
            except (RecursionError, MemoryError, OSError):
                return None
        if not creations:
            return None
        found: set[str] = set()
        for creation in creations:
            statement = creation.parent
            if not (isinstance(statement, nodes.Assign) and statement.value is creation and len(statement.targets) == 1
                    and isinstance(statement.targets[0], nodes.AssignName)):
                return None
            target = statement.targets[0]
            found.add(target.name)
            graph = self if creation.root() is self.module else CallGraph.of(creation.root(), self.settings)
            passed = graph._parameters_passed(target, 0)
            if passed is None:
                return None
            found |= passed
        return found

    def _parameters_passed(self, binding: nodes.AssignName, depth: int) -> set[str] | None:
        """The parameter names the object bound at ``binding`` is passed as, when every use of the name
        calls it, calls a method of it, or is an argument of a call of a project def whose parameter is
        used that way in turn; None otherwise."""
        if depth > _PARAMETER_DEPTH:
            return None
        scope = binding.scope()
        found: set[str] = set()
        for use in scope.nodes_of_class(nodes.Name):
            if use.name != binding.name or names.only_assignment(use) is not binding:
                continue
            parent = use.parent
            if isinstance(parent, nodes.Call) and parent.func is use:
                continue
            if isinstance(parent, nodes.Attribute) and isinstance(parent.parent, nodes.Call) and parent.parent.func is parent:
                continue
            call = parent.parent if isinstance(parent, nodes.Keyword) else parent
            if not isinstance(call, nodes.Call):
                return None
            callee = self.callee_of(call)
            if not isinstance(callee, nodes.FunctionDef):
                return None
            parameter = next((p for p, v in bind_arguments(call, callee).values.items() if v is use), None)
            assignment = next((a for a in callee.args.arguments or [] if a.name == parameter), None) if parameter else None
            if assignment is None:
                return None
            home = callee.root()
            graph = self if home is self.module else CallGraph.of(home, self.settings)
            deeper = graph._parameters_passed(assignment, depth + 1)
            if deeper is None:
                return None
            found |= {parameter} | deeper
        return found

    def calls_to(self, function: nodes.NodeNG) -> list[nodes.Call]:
        """Every visible call of ``function``: in its module and in the other modules of its package."""
        cached = self._calls_to.get(function)
        if cached is not None:
            return cached
        home = function.root()
        if home is not self.module:  # the answer is the package's: kept once, by the function's own module
            found = self._calls_to[function] = CallGraph.of(home, self.settings).calls_to(function)
            return found
        self._calls_to[function] = []  # re-entry (recursion through kinds) sees no sites
        wanted = call_names(function, self)
        local_calls = self.calls or module_calls(home)  # a module the model does not analyse: its walk
        found = [call for call in calls_named(local_calls, wanted) if self.callee_of(call) is function]
        if self.settings.cross_module:
            try:
                found += self._calls_from_other_modules(function, also=frozenset(wanted))
            except (RecursionError, MemoryError, OSError):
                pass
        self._calls_to[function] = found
        return found

    def _calls_from_other_modules(self, function: nodes.NodeNG, also: frozenset[str]) -> list[nodes.Call]:
        """Calls of ``function`` (a def of a package module) made in the package's other modules.

        ``from pkg.model import step`` / ``from pkg.model import step as s`` / ``model.step(...)``: the
        modules importing the function's module by name are parsed (astroid caches them), and their
        calls whose name matches are resolved by their own module's graph. ``also``: other names the
        function is called by (``scaled_step`` of ``scaled_step = tf.function(_scaled)``).
        """
        module = function.root()
        path = getattr(module, "file", None)
        own_names = {n for n in (getattr(function, "name", None), *also) if n}
        if not path or not own_names:
            return []
        found: list[nodes.Call] = []
        own_path = real_path(path)
        for other, calls in calls_from_importers(module, own_names, self.settings.extra_wrappers):
            graph = CallGraph.of(other, self.settings)
            for call in calls:
                callee = graph.callee_of(call)
                if callee is None:
                    continue
                if callee is function or same_function_here(callee, module, own_path) is function:
                    found.append(call)
        return found

    def calls_by_callee(self, function: nodes.NodeNG) -> dict[FunctionLike, list[nodes.Call]]:
        """``callees(function)`` by callee: {callee: its calls in ``function``'s body, in order}, kept
        by the graph of ``function``'s own module (every module whose traced code reaches it asks)."""
        home = function.root()
        graph = self if home is self.module else CallGraph.of(home, self.settings)
        table = graph._by_callee.get(function)
        if table is None:
            table = {}
            for call, callee in graph.callees(function):
                table.setdefault(callee, []).append(call)
            graph._by_callee[function] = table
        return table

    def callees(self, function: nodes.NodeNG) -> list[tuple[nodes.Call, FunctionLike]]:
        """The call graph's edges out of ``function``: (call, callee) for calls in its body."""
        home = function.root()
        graph = self if home is self.module else CallGraph.of(home, self.settings)
        found = []
        for call in calls_of_body(function):
            callee = graph.callee_of(call)
            if callee is not None:
                found.append((call, callee))
        return found


_PARAMETER_DEPTH = 3
"""How many calls up a parameter's object is followed (``parameter_classes``, ``instance_names``)."""


def builds_instance(call: nodes.Call, cls: nodes.ClassDef) -> bool:
    """``call`` is ``Cls(...)`` of the project class ``cls`` (imported, in another module, or another
    parse of its file)."""
    if not isinstance(call.func, (nodes.Name, nodes.Attribute)):
        return False
    found = names.project_definition(call.func, nodes.ClassDef)
    return found is cls or (isinstance(found, nodes.ClassDef) and found.name == cls.name and found.lineno == cls.lineno
                            and real_path(found.root().file or "") == real_path(cls.root().file or ""))


def resolved_callee(func: nodes.NodeNG) -> FunctionLike | None:
    """``resolve_callee(func)``, kept on the node (``store.node_fact``): the breadth-first walks of
    traced code and the value kinds of every module model ask it of the same calls of the package."""
    return node_fact(func, "resolve_callee", lambda: resolve_callee(func), imports=True)


def _alias_target(func: nodes.NodeNG) -> FunctionLike | None:
    """``again`` in ``again = fact; again(n - 1)``: the function a name bound once to another name is."""
    value = names.bound_value(func)
    if not isinstance(value, (nodes.Name, nodes.Attribute)):
        return None
    if isinstance(value, nodes.Name) and value.name == getattr(func, "name", None):
        return None
    return resolve_callee(value)


def all_by(items: list, memo: dict[str, tuple[list, int, dict]], name: str, key) -> dict:
    """{key(item): [items with that key, in order]}, kept in ``memo[name]`` until the list changes:
    one dict look-up per question instead of a scan of the module's list."""
    cached = memo.get(name)
    if cached is None or cached[0] is not items or cached[1] != len(items):
        table: dict = {}
        for item in items:
            table.setdefault(key(item), []).append(item)
        cached = memo[name] = (items, len(items), table)
    return cached[2]


def call_names(function: nodes.NodeNG, graph: CallGraph) -> set[str]:
    """Names a call of ``function`` may be spelled with: its own, and where tf.function(...) stored it."""
    found = set()
    name = getattr(function, "name", None)
    if name:
        found.add(name)
    if isinstance(function, nodes.Lambda):
        parent = function.parent
        if isinstance(parent, nodes.Assign):
            found.update(t.name for t in parent.targets if isinstance(t, nodes.AssignName))
    if name == "__call__" and isinstance(function.parent, nodes.ClassDef):
        found |= graph.instance_names(function.parent) or set()  # deepdream(img, ...)
    for hybrid in all_by(graph.hybrids, graph._by_function, "all-hybrids", lambda h: h.function).get(function, ()):
        if hybrid.function is function:
            for binding in hybrid.bindings:
                found.add(binding.name if isinstance(binding, nodes.AssignName) else getattr(binding, "attrname", ""))
    return found
