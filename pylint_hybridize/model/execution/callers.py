"""Questions about callers, on the one call graph of the module (``callee_of``, ``calls_to``,
``callees``): is a function only ever run at trace time, why is every use of a decorated def
traced already, what a function reaches (which eager functions are worth a tf.function:
``opportunities``).

``CallerQueries`` is mixed into ``ExecutionModel``; each answer is computed once per model.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.catalogue import SCOPES_NEUTRAL_TO_INLINING
from pylint_hybridize.model.calls.graph import resolved_callee
from pylint_hybridize.model.catalogue.tracing import KERAS_LOOP_METHODS, KERAS_STATE_METHODS, TF_FUNCTION
from pylint_hybridize.model.execution.traced import traced_arguments
from pylint_hybridize.model.hybrids.functions import HybridFunction, module_hybrids
from pylint_hybridize.model.hybrids.keras import overrides_keras_loop
from pylint_hybridize.model.project.index import calls_named, importing_modules, module_index
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.modules import may_be_called_from_outside, referenced_other_than_called
from pylint_hybridize.model.syntax.references import enclosing_class, is_self_reference
from pylint_hybridize.model.syntax.walk import calls_of_body, enclosing_with_items, owner

_ONLY_TRACED_DEPTH = 4
_ATTRIBUTE_NODES = (nodes.Attribute, nodes.AssignAttr, nodes.DelAttr)
_REACHABLE_LIMIT = 50
_IMPORTER_LIMIT = 40  # modules an importer closure may hold before its answer is 'unsure'
_MODEL_CALL_DEPTH = 3
_LIBRARY_ROOTS = frozenset({"tensorflow", "numpy", "keras", "tf_keras", "math", "random"})
# methods of variables, tapes, optimizers and metrics: calling one runs no model
_STATE_METHODS = KERAS_STATE_METHODS | {"read_value", "gradient", "watch"}


class CallerQueries:
    """Mixed into ``ExecutionModel`` (``model``), which provides ``module``, ``calls``, ``traced``,
    ``contexts``, ``hybrid_of``, ``context_of``, ``trace_info``, ``sites_of``, ``callee_of``,
    ``calls_to``, ``callees`` and the ``_answers`` cache."""

    def _memo(self, key, compute):
        answers = self._answers  # type: ignore[attr-defined]
        if key not in answers:
            answers[key] = None  # re-entry sees "no answer"
            answers[key] = compute()
        return answers[key]

    # -- local call sites -----------------------------------------------------------
    def local_calls_to(self, function: nodes.NodeNG) -> list[nodes.Call]:
        """The calls of ``function`` in this module (the call graph's edges into it, this module only)."""
        return self._memo(("local_calls_to", function), lambda: [
            call for call in calls_named(self.calls, {getattr(function, "name", None)})  # type: ignore[attr-defined]
            if self.callee_of(call) is function  # type: ignore[attr-defined]
        ])

    def _attribute_uses(self, module: nodes.Module, name: str, kinds: tuple[type, ...]) -> list[nodes.NodeNG]:
        """``module.nodes_of_class(kinds)`` named ``name`` (in that order), through one index of the
        module's attribute nodes by name: asking it for every method stays linear in the module's size."""
        index = self._memo(("attribute_uses", module), lambda: _attributes_by_name(module))
        return [use for use in index.get(name, ()) if isinstance(use, kinds)]

    # -- only traced ----------------------------------------------------------------
    def only_traced(self, function: nodes.NodeNG | None) -> bool:
        """``function`` runs only at trace time: a hybrid or traced context itself, or a private helper
        of this module whose every call here comes from such code (a traced helper that an eager
        function also calls is not)."""
        return self._only_traced(function, 0)

    def _only_traced(self, function: nodes.NodeNG | None, depth: int) -> bool:
        if function is None or depth > _ONLY_TRACED_DEPTH:
            return False
        return bool(self._memo(("only_traced", function, depth), lambda: self._compute_only_traced(function, depth)))

    def _compute_only_traced(self, function: nodes.NodeNG, depth: int) -> bool:
        if self.hybrid_of(function) is not None:  # type: ignore[attr-defined]
            return True
        context = self.context_of(function)  # type: ignore[attr-defined]
        if context is not None:
            return context.kind != "keras-call"  # a direct call on eager tensors runs Layer.call eagerly
        if not isinstance(function, nodes.FunctionDef):
            return False
        method = isinstance(function.parent, nodes.ClassDef)
        if method:
            if not function.name.startswith("_") or function.name.startswith("__"):
                return False
        elif may_be_called_from_outside(function):
            return False
        sites = self.local_calls_to(function)
        if method:
            uses = self._attribute_uses(function.root(), function.name, (nodes.Attribute,))
            if not sites or len(uses) != len(sites):
                return False
        elif not sites or referenced_other_than_called(function, len(sites)):
            return False
        return all(
            self.trace_info(call) is not None and self._only_traced(owner(call), depth + 1)  # type: ignore[attr-defined]
            for call in sites
        )

    # -- a decorated def whose every use is traced --------------------------------------
    def traced_uses(self, hybrid: HybridFunction) -> str | None:
        """Why every use of a decorated def is already traced (who traces it), or None:

        - ``train_step``/``test_step``/``predict_step`` of a Keras model: ``fit``/``evaluate``/``predict``
          trace it (``call`` is left alone: a direct ``model(x)`` on eager tensors runs it eagerly);
        - a function used only as the function argument of tf.data transformations (``ds.map(f)``);
        - a private method (``_step``) whose every use in its class is a call from traced code, a
          callback of traced TF control flow (``tf.map_fn(self._step, ...)``) or a
          ``tf.function(self._step)`` wrapper.
        """
        return self._memo(("traced_uses", hybrid), lambda: self._traced_uses(hybrid))

    def _traced_uses(self, hybrid: HybridFunction) -> str | None:
        node = hybrid.function
        if self._named_in_other_modules(node):
            return None  # another module of the package uses it: callers we do not judge here
        context = self.context_of(node)  # type: ignore[attr-defined]
        if context is not None and context.kind == "keras-step":
            return self._keras_step_callers(node, context)
        if isinstance(node.parent, nodes.ClassDef):
            return self._method_callers(node, hybrid)
        contexts = self.contexts_of(node)  # type: ignore[attr-defined]
        dataset_calls = {c.creation for c in contexts if c.kind == "dataset"}
        if not dataset_calls or may_be_called_from_outside(node):
            return None
        scope = node.parent.scope() if node.parent is not None else node.root()
        for use in scope.nodes_of_class(nodes.Name):
            if use.name != node.name:
                continue
            if not any(isinstance(a, nodes.Call) and a in dataset_calls for a in use.node_ancestors()):
                return None
        tracers = sorted({c.tracer for c in contexts})
        return ", ".join(tracers) + " traces it"

    def _keras_step_callers(self, node: nodes.FunctionDef, context) -> str | None:
        """``fit`` traces ``train_step`` only when nothing else runs it: any other use of the name
        (``self.train_step(...)``, ``step = self.train_step``, ``model.train_step.get_concrete_function``)
        may be an eager caller, and a class overriding ``fit``/``evaluate``/... runs its own loop."""
        if isinstance(node.parent, nodes.ClassDef) and overrides_keras_loop(node.parent):
            return None
        for use in self._attribute_uses(node.root(), node.name, (nodes.Attribute,)):
            if not (isinstance(use.expr, nodes.Call) and names.builtin_name(use.expr.func) == "super"):
                return None
        return f"{context.tracer} traces it"

    def _named_in_other_modules(self, function: nodes.FunctionDef) -> bool:
        """Another module of the package that imports this one mentions ``function``'s name (a call,
        an alias, an import): its callers there are not judged here. True when unsure (the import
        scan fails); nothing when cross-module analysis is off."""
        return bool(self._memo(("named_elsewhere", function), lambda: self._compute_named_elsewhere(function)))

    def _compute_named_elsewhere(self, function: nodes.FunctionDef) -> bool:
        settings = self.settings  # type: ignore[attr-defined]
        if not settings.cross_module:
            return False
        name = function.name
        try:
            for other in importing_modules(function.root(), settings.extra_wrappers, every=True, mentioning={name}):
                if name in self._memo(("names_in", other), lambda other=other: _names_used(other)):
                    return True
        except (RecursionError, MemoryError, OSError):
            return True
        return False

    def _method_callers(self, node: nodes.FunctionDef, hybrid: HybridFunction) -> str | None:
        name = node.name
        if not name.startswith("_") or name.startswith("__"):
            return None  # a public method may be called eagerly from anywhere
        cls = node.parent
        uses = self._attribute_uses(node.root(), name, _ATTRIBUTE_NODES)
        if not uses:
            return None
        callers: set[str] = set()
        for use in uses:
            if not isinstance(use, nodes.Attribute) or not is_self_reference(use.expr) or enclosing_class(use) is not cls:
                return None  # used from outside the class, or reassigned: unknown callers
            parent = use.parent
            if isinstance(parent, nodes.Call) and parent.func is use:
                caller = self._traced_caller(parent, hybrid)
                if caller is None:
                    return None  # an eager caller (or recursion)
                callers.add(caller)
                continue
            call = parent.parent if isinstance(parent, nodes.Keyword) else parent
            if not isinstance(call, nodes.Call):
                return None
            wrapped = isinstance(call.func, (nodes.Name, nodes.Attribute)) and names.qualified_name(call.func) == TF_FUNCTION
            if wrapped and call.args and call.args[0] is use:
                callers.add(f"tf.function({use.as_string()})")
                continue
            if node in traced_arguments(call):
                caller = self._traced_caller(call, hybrid)
                if caller is None:
                    return None
                callers.add(f"{caller} (callback of {call.func.as_string()})")
                continue
            return None
        return "callers: " + ", ".join(sorted(callers)) if callers else None

    def _traced_caller(self, call: nodes.Call, hybrid: HybridFunction) -> str | None:
        """The hybrid that traces ``call``, when it is not ``hybrid`` itself and ``call`` runs only traced."""
        trace = self.trace_info(call)  # type: ignore[attr-defined]
        if trace is None or trace.hybrid is hybrid or not self.only_traced(owner(call)) or under_scope(call):
            return None
        return trace.hybrid.name

    def traced_call_sites(self, hybrid: HybridFunction) -> str | None:
        """The hybrids whose traced code holds every call of a private module-level (or nested) def,
        as ``callers: a, b``; None when any call runs eagerly, recurses, or the name is used otherwise."""
        return self._memo(("traced_call_sites", hybrid), lambda: self._traced_call_sites(hybrid))

    def _traced_call_sites(self, hybrid: HybridFunction) -> str | None:
        node = hybrid.function
        if isinstance(node.parent, nodes.ClassDef) or may_be_called_from_outside(node):
            return None
        sites = self.sites_of(hybrid)  # type: ignore[attr-defined]
        if not sites or referenced_other_than_called(node, len(sites)) or self._named_in_other_modules(node):
            return None
        callers = []
        for site in sites:
            caller = self._traced_caller(site.call, hybrid)
            if caller is None:
                return None  # an eager caller (or recursion): the decorator matters
            callers.append(caller)
        return "callers: " + ", ".join(sorted(set(callers)))

    # -- reachable functions ----------------------------------------------------------
    def reachable(self, function: nodes.NodeNG, limit: int = _REACHABLE_LIMIT) -> set[nodes.FunctionDef]:
        """The defs ``function`` calls, transitively (at most ``limit``), from the call graph."""
        return self._memo(("reachable", function, limit), lambda: self._reachable(function, limit))

    def _reachable(self, function: nodes.NodeNG, limit: int) -> set[nodes.FunctionDef]:
        seen: set[nodes.FunctionDef] = set()
        stack = [function]
        while stack and len(seen) < limit:
            current = stack.pop()
            for _call, callee in self.callees(current):  # type: ignore[attr-defined]
                if isinstance(callee, nodes.FunctionDef) and callee not in seen:
                    seen.add(callee)
                    stack.append(callee)
        return seen

    def _keras_loop_named(self, module: nodes.Module) -> bool:
        modules = self._importer_closure(module)
        if modules is None:  # too many or unreadable importers: unsure, so assume a Keras loop runs it
            return True
        return any(
            KERAS_LOOP_METHODS & self._memo(("names_in", current), lambda current=current: _names_used(current))
            for current in modules
        )

    def _importer_closure(self, home: nodes.Module) -> list[nodes.Module] | None:
        """``home`` and the modules that import it, transitively (``importing_modules``, every one), in
        the order found; None past ``_IMPORTER_LIMIT`` modules or when an importer cannot be read."""
        return self._memo(("importer_closure", home), lambda: self._compute_importer_closure(home))

    def _compute_importer_closure(self, home: nodes.Module) -> list[nodes.Module] | None:
        settings = self.settings  # type: ignore[attr-defined]
        modules, stack = [home], [home]
        try:
            while stack:
                for other in importing_modules(stack.pop(), settings.extra_wrappers, every=True):
                    if other not in modules:
                        if len(modules) >= _IMPORTER_LIMIT:
                            return None
                        modules.append(other)
                        stack.append(other)
        except (RecursionError, MemoryError, OSError):
            return None
        return modules

    def keras_call_runs_only_eagerly(self, context) -> bool:
        """The ``call`` of a Keras class that this project visibly runs, and only eagerly: a module
        that may hold it names the class (it is made there), none names a Keras loop
        (``fit``/``evaluate``/``predict``/``*_on_batch``), and no tf.function of theirs may call a
        model (``_may_call_a_model``). Keras 3 then runs ``call`` eagerly or on symbolic tensors (a
        functional build), never in a tf.function graph (measured: a layer built per call runs so,
        and raises under ``fit``). Unsure (too many importers): False."""
        if context.kind != "keras-call":
            return False
        cls = context.creation
        if not isinstance(cls, nodes.ClassDef):
            return False
        return self._memo(("keras_call_eager", cls), lambda: self._runs_only_eagerly(cls))

    def _runs_only_eagerly(self, cls: nodes.ClassDef) -> bool:
        modules = self._importer_closure(cls.root())
        if modules is None:
            return False
        named = False
        for current in modules:
            used = self._memo(("names_in", current), lambda current=current: _names_used(current))
            named = named or cls.name in used
            if KERAS_LOOP_METHODS & used or any(
                _may_call_a_model(hybrid.function) for hybrid in module_hybrids(current, self.settings)  # type: ignore[attr-defined]
            ):
                return False
        return named


def _may_call_a_model(function: nodes.NodeNG) -> bool:
    """A call in ``function``, or in a project def it calls (a few levels down), whose callee is
    neither a library API, a builtin nor a project def that does neither: a model's ``__call__`` may
    be behind it (``self.actor(states)``). A tf.function that only does TF ops (``polyak_average``:
    ``tf.compat.v1.assign`` over ``zip``) calls no model."""
    seen: set[nodes.NodeNG] = set()
    pending = [(function, 0)]
    while pending:
        current, depth = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for call in calls_of_body(current):
            func = call.func
            callee = resolved_callee(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
            if isinstance(callee, nodes.FunctionDef):
                if depth >= _MODEL_CALL_DEPTH or isinstance(callee.parent, nodes.ClassDef) and callee.name in ("call", "__call__"):
                    return True
                pending.append((callee, depth + 1))
                continue
            if callee is not None:
                continue  # a lambda of the project: its calls are its own
            if isinstance(func, (nodes.Name, nodes.Attribute)) and (
                names.builtin_name(func) if isinstance(func, nodes.Name) else None
            ):
                continue
            if isinstance(func, nodes.Attribute) and func.attrname in _STATE_METHODS:
                continue  # a variable's, tape's, optimizer's or metric's own method: no model behind it
            qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
            if qualified is None or qualified.split(".", 1)[0] not in _LIBRARY_ROOTS:
                return True
    return False

def _names_used(module: nodes.Module) -> frozenset[str]:
    """Every name, attribute name and imported name ``module`` mentions."""
    found: set[str] = set()
    for use in module_index(module).of_class((nodes.Name, nodes.Attribute, nodes.AssignAttr, nodes.ImportFrom)):
        if isinstance(use, nodes.ImportFrom):
            found.update(original for original, _alias in use.names)
        else:
            found.add(use.name if isinstance(use, nodes.Name) else use.attrname)
    return frozenset(found)


def under_scope(node: nodes.NodeNG) -> bool:
    """A ``with`` encloses ``node`` (a call, a def) in its function whose context is not a gradient
    tape or a name scope (``SCOPES_NEUTRAL_TO_INLINING``): ``tf.device``, a strategy's scope, a jit
    scope, an unknown one. A tf.function called or made there may be one on purpose (one call op
    placed on that device)."""
    for item in enclosing_with_items(node):
        func = item.func if isinstance(item, nodes.Call) else item
        if not isinstance(func, (nodes.Name, nodes.Attribute)) or names.qualified_name(func) not in SCOPES_NEUTRAL_TO_INLINING:
            return True
    return False


def _attributes_by_name(module: nodes.Module) -> dict[str, list[nodes.NodeNG]]:
    """{attribute name: the Attribute/AssignAttr/DelAttr nodes of ``module`` with it, in walk order}."""
    index: dict[str, list[nodes.NodeNG]] = {}
    for use in module_index(module).of_class(_ATTRIBUTE_NODES):
        index.setdefault(use.attrname, []).append(use)
    return index
