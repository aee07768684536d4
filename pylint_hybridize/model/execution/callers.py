"""Questions about callers, on the one call graph of the module (``callee_of``, ``calls_to``,
``callees``): is a function only ever run at trace time, why is every use of a decorated def
traced already, which eager functions are worth a tf.function.

``CallerQueries`` is mixed into ``ExecutionModel``; each answer is computed once per model.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.catalogue import SCOPES_NEUTRAL_TO_INLINING
from pylint_hybridize.model.catalogue.tracing import KERAS_LOOP_METHODS, TF_FUNCTION
from pylint_hybridize.model.execution import bodies
from pylint_hybridize.model.execution.contexts import is_dataset
from pylint_hybridize.model.execution.traced import local_traced, traced_arguments
from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.hybrids.keras import holds_keras_network, overrides_keras_loop
from pylint_hybridize.model.project.files import real_path
from pylint_hybridize.model.project.index import calls_named, importing_modules, terminal_name
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.modules import is_test_file, may_be_called_from_outside, referenced_other_than_called
from pylint_hybridize.model.syntax.references import enclosing_class, is_self_reference, project_class
from pylint_hybridize.model.syntax.walk import calls_of_body, enclosing_loop, enclosing_with_items, owner
from pylint_hybridize.model.values import arguments
from pylint_hybridize.model.values.binding import bind_arguments
from pylint_hybridize.model.values.static import is_static

_ONLY_TRACED_DEPTH = 4
_ATTRIBUTE_NODES = (nodes.Attribute, nodes.AssignAttr, nodes.DelAttr)
_REACHABLE_LIMIT = 50
_OVERRIDE_DEPTH = 12
_IMPORTER_LIMIT = 40
_ARGUMENT_DEPTH = 4


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
            for other in importing_modules(function.root(), settings.extra_wrappers, every=True):
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

    def reachable_with_overrides(self, function: nodes.NodeNG) -> set[nodes.FunctionDef] | None:
        """``reachable``, where a call on ``self`` (``self.loss(u, u_pred)``) reaches the method it
        resolves to and every override of that name in the project subclasses of the caller's class
        (an instance of a subclass runs the override: pierremtb's PINN base class calls the loss its
        subclass defines); None when unsure (the subclasses cannot be read, too many defs)."""
        found = self._graph_closure(function)
        return None if found is None else found[0]

    def _graph_closure(self, function: nodes.NodeNG):
        """(``reachable_with_overrides``, {def: the calls of it in the closure}) or None."""
        return self._memo(("reachable_overrides", function), lambda: self._reachable_with_overrides(function))

    def _reachable_with_overrides(self, function: nodes.NodeNG):
        seen: set[nodes.FunctionDef] = set()
        incoming: dict[nodes.FunctionDef, list[nodes.Call]] = {}
        stack = [function]
        while stack:
            current = stack.pop()
            resolved = dict(self.callees(current))  # type: ignore[attr-defined]
            for call in calls_of_body(current):
                targets = [resolved[call]] if call in resolved else []
                func = call.func
                if isinstance(func, nodes.Attribute) and is_self_reference(func.expr):
                    cls = enclosing_class(call)
                    overrides = self._subclass_defs(cls, func.attrname) if cls is not None else None
                    if overrides is None:
                        return None
                    targets += overrides
                for target in targets:
                    if not isinstance(target, nodes.FunctionDef):
                        continue
                    incoming.setdefault(target, []).append(call)
                    if target not in seen:
                        if len(seen) >= _REACHABLE_LIMIT:
                            return None
                        seen.add(target)
                        stack.append(target)
        return seen, incoming

    def _subclass_defs(self, cls: nodes.ClassDef, name: str) -> list[nodes.FunctionDef] | None:
        """The defs of ``name`` in the project subclasses of ``cls`` (in its module and the modules
        that import it, directly or through others); None when the scan fails or goes too far."""
        subclasses = self._memo(("subclasses", cls), lambda: self._project_subclasses(cls))
        if subclasses is None:
            return None
        return [m for sub in subclasses for m in sub.locals.get(name, ()) if isinstance(m, nodes.FunctionDef)]

    def _project_subclasses(self, cls: nodes.ClassDef) -> list[nodes.ClassDef] | None:
        settings = self.settings  # type: ignore[attr-defined]
        home = cls.root()
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
        found: list[nodes.ClassDef] = []
        for module in modules:
            for candidate in module.nodes_of_class(nodes.ClassDef):
                if candidate is not cls and _derives_from(candidate, cls):
                    found.append(candidate)
        return found

    # -- eager functions worth a tf.function -------------------------------------------
    def tf_function_opportunities(self) -> dict[nodes.FunctionDef, nodes.Call]:
        """Eager functions of this module worth a tf.function, each with the first call that repeats
        it in a loop.

        A candidate is called in a loop outside construction code, is not traced already (tf.function,
        Keras, tf.data), does substantial tensor work (a model call or a GradientTape, or a numerical
        kernel: many TF ops, an ODE step or a physics residual), has nothing
        that behaves differently as a graph (itself and the functions it reaches), is not a closure
        inside a method, takes no parameter annotated as a Python value, and no call of it (in any
        module of the package) passes a value that would retrace it (a varying Python number, a new
        object, a per-element value of a Python collection, a shape that depends on a Python counter);
        the loop around it is not tensor code itself. When one candidate reaches another, only the
        caller is reported: one graph for both.
        """
        return self._memo("tf_function_opportunities", self._tf_function_opportunities)

    def _tf_function_opportunities(self) -> dict[nodes.FunctionDef, nodes.Call]:
        module = self.module  # type: ignore[attr-defined]
        if is_test_file(module.file):
            return {}  # tests run code eagerly on purpose
        # resolve only calls in loops that name a def of this module: resolving every call would load
        # every imported project module
        defined = {f.name for f in self.functions if isinstance(f, nodes.FunctionDef)}  # type: ignore[attr-defined]
        first_loop_call: dict[nodes.FunctionDef, nodes.Call] = {}
        for call in self.calls:  # type: ignore[attr-defined]
            if terminal_name(call.func) not in defined or call.root() is not module:
                continue
            if enclosing_loop(call) is None or bodies.in_construction(call):
                continue
            function = self.callee_of(call)  # type: ignore[attr-defined]
            if isinstance(function, nodes.FunctionDef) and function.root() is module:
                first_loop_call.setdefault(function, call)
        for function in self.functions:  # type: ignore[attr-defined]
            # a step of this module driven by a loop of another (``from linear import grad``)
            if isinstance(function, nodes.FunctionDef) and function not in first_loop_call \
                    and bodies.substantial(function):
                looped = [c for c in self.calls_to(function)  # type: ignore[attr-defined]
                          if c.root() is not module and enclosing_loop(c) is not None and not bodies.in_construction(c)
                          and not is_test_file(c.root().file)]  # a test's loop is no production loop
                if looped:
                    first_loop_call[function] = looped[0]
        candidates = {
            function: call for function, call in first_loop_call.items() if self._opportunity(function, call)
        }
        called_by_candidate = {
            callee for caller in candidates for callee in self.reachable(caller) if callee is not caller
        }
        return {f: c for f, c in candidates.items() if f not in called_by_candidate}

    def tf_function_settings(self, function: nodes.FunctionDef) -> str:
        """The ``tf.function`` arguments a proposed decorator needs: ``reduce_retracing=True`` when a
        loop passes it the elements of something the code does not show to be a tf.data.Dataset (a
        parameter ``dataset`` may hold images of any size): TF then traces twice and generalises the
        shapes instead of tracing once per shape (measured: shapes [1]..[10] give 10 traces bare, 2 with
        it; docs/tf-runtime-facts.md). A Dataset's batches have one shape (the last may differ: 2
        traces either way). '' when nothing is needed."""
        for site in self.calls_to(function) or ():  # type: ignore[attr-defined]
            elements = _unshown_elements(site)
            if elements and any(
                isinstance(argument, nodes.Name) and argument.name in elements
                for argument in arguments.call_arguments(site)
            ):
                return "reduce_retracing=True"
        return ""

    def _keras_step_never_run_by_keras(self, function: nodes.FunctionDef) -> bool:
        """``function`` is traced only as a Keras step (``train_step``: ``fit`` would trace it) and no
        module that could hold the model runs a Keras loop: neither its module nor any module that
        imports it, directly or through others, names ``fit``/``evaluate``/``predict``/``*_on_batch``
        (tensorflow/docs' text generation calls ``model.train_step(batch)`` in its own loop, eagerly).
        Unsure (the scan fails, too many modules): False."""
        trace = self.traced.get(function)  # type: ignore[attr-defined]
        context = self.context_of(function)  # type: ignore[attr-defined]
        if trace is None or not trace.is_hybrid_itself or context is None or context.kind != "keras-step":
            return False
        return self._memo(("never_run_by_keras", function), lambda: not self._keras_loop_named(function.root()))

    def _keras_loop_named(self, module: nodes.Module) -> bool:
        settings = self.settings  # type: ignore[attr-defined]
        seen, stack = {module}, [module]
        try:
            while stack:
                current = stack.pop()
                if KERAS_LOOP_METHODS & self._memo(("names_in", current), lambda current=current: _names_used(current)):
                    return True
                for other in importing_modules(current, settings.extra_wrappers, every=True):
                    if other not in seen:
                        if len(seen) >= _IMPORTER_LIMIT:
                            return True
                        seen.add(other)
                        stack.append(other)
        except (RecursionError, MemoryError, OSError):
            return True
        return False

    def _site_traced(self, site: nodes.Call) -> bool:
        """The code around a call runs traced (a tf.function, Keras, tf.data), here or in the module
        the call is in."""
        caller = owner(site)
        if caller is None:
            return False
        if site.root() is self.module:  # type: ignore[attr-defined]
            return caller in self.traced or self.hybrid_of(caller) is not None  # type: ignore[attr-defined]
        return caller in local_traced(site.root(), self.settings)[1]  # type: ignore[attr-defined]

    def _opportunity(self, function: nodes.FunctionDef, call: nodes.Call) -> bool:
        if (
            self.hybrid_of(function) is not None  # type: ignore[attr-defined]
            or (function in self.traced and not self._keras_step_never_run_by_keras(function))  # type: ignore[attr-defined]
            or bodies.nested_in_method(function)
            or _overrides_project_method(function)
        ):
            return False
        helpers = self.reachable_with_overrides(function)
        if helpers is None:
            return False
        helper_work = any(bodies.substantial(helper) for helper in helpers)
        if (
            not (bodies.substantial(function) or bodies.numerical_kernel(function) or helper_work)
            or not bodies.pure_tensor_function(
                function, helpers, tensor_work=helper_work, judge=_GraphJudge(self, function, self._graph_closure(function)[1])
            )
            or arguments.takes_python_values(function)
            or bodies.caller_is_tensor_code(call, function)
        ):
            return False
        sites = self.calls_to(function) or [call]  # type: ignore[attr-defined]
        if _passed_around(function) or any(self._site_traced(site) for site in sites):
            return False  # strategy.run(step), dataset.map(step), a callback...: traced or an island elsewhere
        return not any(
            arguments.per_element_argument(site)
            or any(
                arguments.retracing_argument(argument) or arguments.new_object_per_iteration(argument, site)
                for argument in arguments.call_arguments(site)
            )
            for site in sites
        )


class _GraphJudge:
    """``bodies.BodyJudge`` for the graph one candidate would become: a parameter of a def in it
    receives what the calls *in that graph* pass (the candidate's own parameters: what its visible
    calls pass), so a helper that other, eager, code calls differently is judged by this graph's
    calls only (``gradient_penalty(functools.partial(D, ...), ..., mode=args.mode)`` in ``train_D``)."""

    def __init__(self, model, root: nodes.FunctionDef, incoming: dict[nodes.FunctionDef, list[nodes.Call]]) -> None:
        self.model = model
        self.root = root
        self.incoming = incoming
        self.answers: dict = {}

    def network_parameter(self, function: nodes.FunctionDef, name: str) -> bool:
        """Every call passes a Keras network as ``name``: a name or a call ``holds_keras_network``
        proves, a name bound to a new Keras object, ``functools.partial`` of one, or a parameter of
        the calling def for which the same holds. No calls: False."""
        return self._every(function, name, self._network_value, 0)

    def static_parameter(self, function: nodes.FunctionDef, name: str) -> bool:
        """Every call passes a Python value fixed at trace time as ``name`` (``is_static``: a literal,
        a module setting such as ``args.mode``), or a parameter of the calling def for which the same
        holds; a call leaving it out takes a literal default."""
        return self._every(function, name, self._static_value, 0)

    def _every(self, function: nodes.FunctionDef, name: str, check, depth: int) -> bool:
        key = (check.__name__, function, name)
        if depth > _ARGUMENT_DEPTH or key in self.answers and self.answers[key] is None:
            return False  # too deep, or re-entered (recursion): unsure
        if key not in self.answers:
            self.answers[key] = None
            self.answers[key] = self._compute(function, name, check, depth)
        return bool(self.answers[key])

    def _compute(self, function: nodes.FunctionDef, name: str, check, depth: int) -> bool:
        sites = self.model.calls_to(function) if function is self.root else self.incoming.get(function)
        if not sites:
            return False
        for site in sites:
            binding = bind_arguments(site, function)
            value = binding.values.get(name)
            if value is None:
                if not binding.complete:
                    return False
                try:
                    value = function.args.default_value(name)
                except Exception:  # pylint: disable=broad-except  # NoDefault
                    return False
                if not isinstance(value, nodes.Const):
                    return False
            if not check(value, site, depth):
                return False
        return True

    def _caller_parameter(self, value: nodes.NodeNG, site: nodes.Call) -> tuple[nodes.FunctionDef, str] | None:
        """(the calling def, the parameter) when ``value`` is a parameter it never rebinds."""
        caller = owner(site)
        if isinstance(value, nodes.Name) and isinstance(caller, nodes.FunctionDef) \
                and value.name in {a.name for a in caller.args.arguments or []} \
                and all(isinstance(b, nodes.AssignName) and isinstance(b.parent, nodes.Arguments)
                        for b in caller.locals.get(value.name, ())):
            return caller, value.name
        return None

    def _network_value(self, value: nodes.NodeNG, site: nodes.Call, depth: int) -> bool:
        passed = self._caller_parameter(value, site)
        if passed is not None:
            return self._every(*passed, self._network_value, depth + 1)
        if isinstance(value, nodes.Call) and isinstance(value.func, (nodes.Name, nodes.Attribute)) \
                and names.qualified_name(value.func) == "functools.partial" and value.args:
            return self._network_value(value.args[0], site, depth)
        if isinstance(value, nodes.Name) and bodies.keras_model_name(value):
            return True
        return holds_keras_network(value)

    def _static_value(self, value: nodes.NodeNG, site: nodes.Call, depth: int) -> bool:
        passed = self._caller_parameter(value, site)
        if passed is not None:
            return self._every(*passed, self._static_value, depth + 1)
        return is_static(value, frozenset(a for a in site.node_ancestors() if isinstance(a, nodes.FunctionDef)))


def _unshown_elements(call: nodes.Call) -> set[str]:
    """The names bound by the ``for`` loops around ``call`` (in its function) that iterate something
    not shown to be a tf.data.Dataset (``enumerate(x)``/``zip(x, ...)`` look at ``x``)."""
    found: set[str] = set()
    child, parent = call, call.parent
    while parent is not None and not isinstance(parent, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef, nodes.Module)):
        if isinstance(parent, nodes.For) and child in parent.body:
            iterable = parent.iter
            if isinstance(iterable, nodes.Call) and names.builtin_name(iterable.func) in ("enumerate", "zip") \
                    and iterable.args:
                iterable = iterable.args[-1] if names.builtin_name(iterable.func) == "enumerate" else iterable.args[0]
            if not is_dataset(iterable) and not arguments.python_collection(iterable):
                found |= {n.name for n in parent.target.nodes_of_class(nodes.AssignName)}
        child, parent = parent, parent.parent
    return found


def _overrides_project_method(function: nodes.FunctionDef) -> bool:
    """A method that overrides a def of a project base class (``Task.train_step`` in tf-models): the
    base class's callers run it too, through receivers typed as the base (``self.task.train_step`` in
    a trainer, under ``strategy.run`` in a tf.function), which no call of the override shows.
    Unsure (a base given by a call, too deep): True."""
    cls = function.parent
    if not isinstance(cls, nodes.ClassDef):
        return False
    stack, seen = [cls], {cls}
    while stack:
        current = stack.pop()
        for base in current.bases:
            if isinstance(base, nodes.Call):
                return True
            base_class = project_class(base)
            if base_class is None or base_class in seen:
                continue
            if len(seen) > _OVERRIDE_DEPTH:
                return True
            if any(isinstance(m, nodes.FunctionDef) for m in base_class.locals.get(function.name, ())):
                return True
            seen.add(base_class)
            stack.append(base_class)
    return False


def _derives_from(candidate: nodes.ClassDef, cls: nodes.ClassDef) -> bool:
    """``candidate`` has ``cls`` among its project base classes (through project classes)."""
    stack, seen = [candidate], {candidate}
    while stack:
        for base in stack.pop().bases:
            base_class = project_class(base) if not isinstance(base, nodes.Call) else None
            if base_class is None or base_class in seen:
                continue
            if base_class is cls or _same_class(base_class, cls):
                return True
            if len(seen) > _OVERRIDE_DEPTH:
                return False
            seen.add(base_class)
            stack.append(base_class)
    return False


def _same_class(one: nodes.ClassDef, other: nodes.ClassDef) -> bool:
    """The same class statement, from two parses of its file."""
    first, second = one.root().file, other.root().file
    return bool(first and second) and one.name == other.name and one.lineno == other.lineno \
        and real_path(first) == real_path(second)


def _passed_around(function: nodes.FunctionDef) -> bool:
    """A module-level def whose name its module uses other than as the callee of a call: handed to
    ``strategy.run``, ``Dataset.map``, a callback, stored or returned, it also runs where no visible
    call shows how (traced, or an eager island)."""
    if not isinstance(function.parent, nodes.Module):
        return False
    return any(
        not (isinstance(use.parent, nodes.Call) and (use.parent.func is use or _inspects(use.parent)))
        for use in function.root().nodes_of_class(nodes.Name)
        if use.name == function.name
    )


def _inspects(call: nodes.Call) -> bool:
    """``hasattr(f, ...)``, ``callable(f)``...: a builtin that looks at a function without running it."""
    return names.builtin_name(call.func) in ("hasattr", "getattr", "isinstance", "callable", "id", "repr", "str", "type")


def _names_used(module: nodes.Module) -> frozenset[str]:
    """Every name, attribute name and imported name ``module`` mentions."""
    found: set[str] = set()
    for use in module.nodes_of_class((nodes.Name, nodes.Attribute, nodes.AssignAttr, nodes.ImportFrom)):
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
    for use in module.nodes_of_class(_ATTRIBUTE_NODES):
        index.setdefault(use.attrname, []).append(use)
    return index
