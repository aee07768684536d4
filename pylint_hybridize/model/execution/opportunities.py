"""Which eager functions of a module are worth a ``tf.function`` (``tf-function-opportunity``):
called repeatedly, reached only eagerly, doing tensor work that tracing pays off for, with nothing
in the graph they would become that behaves differently as a graph, and with stable traces.

``OpportunityQueries`` extends ``CallerQueries`` and is mixed into ``ExecutionModel``; each answer is
computed once per model.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.execution import bodies
from pylint_hybridize.model.execution.attribute_reads import frozen_read
from pylint_hybridize.model.execution.callers import _REACHABLE_LIMIT, CallerQueries
from pylint_hybridize.model.execution.closures import driven_by_own_loop
from pylint_hybridize.model.execution.contexts import is_dataset
from pylint_hybridize.model.execution.graph_judge import GraphJudge
from pylint_hybridize.model.execution.recorded import Recorded, recorded_settings
from pylint_hybridize.model.execution.signatures import Spec, input_signature, needs_signature
from pylint_hybridize.model.execution.traced import local_traced
from pylint_hybridize.model.hybrids.functions import hybrid_of_any
from pylint_hybridize.model.project.files import package_on_sys_path, real_path, same_function_here
from pylint_hybridize.model.project.index import module_index, terminal_name
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.modules import is_test_file
from pylint_hybridize.model.syntax.references import class_method, enclosing_class, is_self_reference, project_class
from pylint_hybridize.model.syntax.walk import calls_of_body, enclosing_loop, owner
from pylint_hybridize.model.values import arguments
from pylint_hybridize.model.values.shape_facts import ShapeFacts

_OVERRIDE_DEPTH = 12


class OpportunityQueries(CallerQueries):
    """Mixed into ``ExecutionModel`` (see ``CallerQueries`` for what it provides)."""

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
        modules = self._importer_closure(cls.root())
        if modules is None:
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
        that behaves differently as a graph (itself and the functions it reaches, no attribute read the
        program reassigns between calls), is not a closure inside a method (but for one the method only
        calls, in its own loop: ``closures``), takes no parameter annotated as a Python number or string
        (a ``bool`` has two values: two traces at most), and no call of it (in any
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
            # (a loop of its own recursion, ``[self.stats(x) for x in inputs]``, shows no outside repetition)
            if isinstance(function, nodes.FunctionDef) and function.root() is module and owner(call) is not function:
                first_loop_call.setdefault(function, call)
        for function in self.functions:  # type: ignore[attr-defined]
            # a step of this module driven by a loop of another (``from linear import grad``)
            if isinstance(function, nodes.FunctionDef) and function not in first_loop_call \
                    and (bodies.substantial(function) or _substantial_own_method(function)):
                # (or of this module, through an object: ``deepdream(img, ...)`` calls ``DeepDream.__call__``),
                # or called by a function that a loop calls (``model.sample(z)`` once per epoch)
                looped = [c for c in self.calls_to(function)  # type: ignore[attr-defined]
                          if owner(c) is not function and (
                              (c.root() is not module or terminal_name(c.func) not in defined) and self._repeated(c)
                              or self._repeated_through_caller(c))]
                if looped:
                    first_loop_call[function] = looped[0]
        candidates = {
            function: call for function, call in first_loop_call.items() if self._opportunity(function, call)
        }
        called_by_candidate = {
            callee for caller in candidates for callee in self.reachable(caller) if callee is not caller
        }
        return {f: c for f, c in candidates.items() if f not in called_by_candidate and not self._inside_other_step(f)}

    def _inside_other_step(self, function: nodes.FunctionDef) -> bool:
        """A step of another module reaches ``function``: a def of a module that imports its module
        (directly or through others) that does a step's work itself (``bodies.substantial``), is
        called in a loop, and reaches it through the call graph (``train_step`` -> ``compute_loss``
        -> ``model.encode`` in ``losses.py``, which never imports the model's module): that step is
        the graph holding it, as for a candidate calling another of its own module. Unsure (too many
        importers): True."""
        modules = self._importer_closure(function.root())
        if modules is None:
            return True
        home = function.root()
        own_path = real_path(home.file) if home.file else ""
        for module in modules:
            if module is home or is_test_file(module.file):
                continue
            for step in module_index(module).functions:
                if isinstance(step, nodes.FunctionDef) and bodies.substantial(step) \
                        and any(same_function_here(reached, home, own_path) is function  # another parse of it too
                                for reached in self.reachable(step)) \
                        and any(self._repeated(c) for c in self.calls_to(step)):  # type: ignore[attr-defined]
                    return True
        return False

    def _repeated(self, call: nodes.Call) -> bool:
        """``call`` is in a loop, outside construction code and test files (a test's loop is no
        evidence of a production loop)."""
        return enclosing_loop(call) is not None and not bodies.in_construction(call) and not is_test_file(call.root().file)

    def _repeated_through_caller(self, call: nodes.Call) -> bool:
        """``call`` is in no loop, but its function is called in one (``generate_and_save_images(model,
        epoch, ...)`` once per epoch runs ``model.sample(z)`` once per epoch): a call per iteration all
        the same. One caller up; not from construction code or a test file."""
        caller = owner(call)
        if enclosing_loop(call) is not None or not isinstance(caller, nodes.FunctionDef) \
                or bodies.in_construction(call) or is_test_file(call.root().file):
            return False
        return any(self._repeated(c) for c in self.calls_to(caller))  # type: ignore[attr-defined]

    def tf_function_settings(self, function: nodes.FunctionDef) -> str:
        """The ``tf.function`` arguments a proposed decorator needs: ``reduce_retracing=True`` when a
        loop passes it the elements of something the code does not show to be a tf.data.Dataset (a
        parameter ``dataset`` may hold images of any size): TF then traces twice and generalises the
        shapes instead of tracing once per shape (measured: shapes [1]..[10] give 10 traces bare, 2 with
        it; docs/tf-runtime-facts.md). A Dataset's batches have one shape (the last may differ: 2
        traces either way). '' when nothing is needed."""
        if self.tf_function_signature(function) is not None:
            return ""  # the signature fixes every shape: nothing to reduce
        recorded = self.tf_function_recorded(function)
        if recorded is not None and recorded.reduce_retracing:
            return "reduce_retracing=True"  # the test run passed it tensors of several shapes
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
            or (bodies.nested_in_method(function) and not driven_by_own_loop(function))
            or _overrides_project_method(function)
        ):
            return False
        helpers = self.reachable_with_overrides(function)
        if helpers is None:
            return False
        # a helper that is a tf.function already runs as a graph: calling it is no work a new graph saves
        helper_work = any(
            bodies.substantial(helper) and hybrid_of_any(helper, self.settings) is None  # type: ignore[attr-defined]
            for helper in helpers
        )
        if (
            not (bodies.substantial(function) or bodies.numerical_kernel(function) or helper_work)
            or not bodies.pure_tensor_function(
                function, helpers, tensor_work=helper_work, judge=GraphJudge(self, function, self._graph_closure(function)[1])
            )
            or arguments.takes_python_values(function)
            or (bodies.caller_is_tensor_code(call, function) and not self._eager_driver(call))
            or frozen_read([function, *helpers], self.reassigned_between_calls) is not None
        ):
            return False  # (a frozen read: tracing would keep the first value of self.alpha)
        sites = self.calls_to(function) or [call]  # type: ignore[attr-defined]
        if _passed_around(function) or any(self._site_traced(site) for site in sites):
            return False  # strategy.run(step), dataset.map(step), a callback...: traced or an island elsewhere
        if any(
            arguments.per_element_argument(site)
            or any(arguments.new_object_per_iteration(argument, site) for argument in arguments.call_arguments(site))
            for site in sites
        ):
            return False
        recorded = self.tf_function_recorded(function)
        if recorded is not None and recorded.contradicts:
            return False  # the tests pass what the visible calls do not: no settings are proven
        # a Python number that varies retraces a bare decorator: proposed only with an input_signature
        # (from the static facts or the calls the test run observed); until then, one to observe
        if (self._retraces_bare(function) or (recorded is not None and recorded.retraces
                                              and not recorded.reduce_retracing)) \
                and self.tf_function_signature(function) is None:
            self._memo("awaiting_signature", set).add(function)
            return False
        return True

    def reassigned_between_calls(self, read: nodes.Attribute) -> bool | None:
        """The program reassigns the attribute ``read`` reads between calls of the code holding it
        and the value flows into what a graph would compute (``stale-attribute-read``'s fact, from the
        state layer: ``TraceModel`` answers); None: unknown here."""
        return None

    def tf_function_observed(self) -> list[nodes.FunctionDef]:
        """The defs whose eager calls the test run should observe (``pytest --hybridize-traces``): the
        ones proposed, and the ones that would be proposed but for an ``input_signature`` the static
        facts cannot prove (a record of their calls may prove it: ``execution.recorded``)."""
        proposed = list(self.tf_function_opportunities())
        reached = {callee for caller in proposed for callee in self.reachable(caller) if callee is not caller}
        awaiting = self._memo("awaiting_signature", set)
        return proposed + [f for f in awaiting if f not in reached and not self._inside_other_step(f)]

    def tf_function_recorded(self, function: nodes.FunctionDef) -> Recorded | None:
        """What the trace record's observed eager calls of ``function`` prove (``execution.recorded``)."""
        return self._memo(("tf_function_recorded", function), lambda: self._recorded(function))

    def _recorded(self, function: nodes.FunctionDef) -> Recorded | None:
        facts = self._memo("shape_facts", lambda: ShapeFacts(self.settings))  # type: ignore[attr-defined]
        try:
            with package_on_sys_path(self.module.file):  # type: ignore[attr-defined]
                helpers = self.reachable_with_overrides(function)
                return None if helpers is None else recorded_settings(self, function, facts, helpers)
        except (RecursionError, MemoryError):
            return None

    def _retraces_bare(self, function: nodes.FunctionDef) -> bool:
        """Some call passes a Python number that varies (a loop counter, ``run_steps`` rebound per
        chunk), a new object, or a shape computed from such a number: a bare decorator retraces."""
        return any(
            arguments.retracing_argument(argument) or self._rebound_unproven(argument, site)
            for site in self.calls_to(function) or ()  # type: ignore[attr-defined]
            for argument in arguments.call_arguments(site)
        )

    def tf_function_signature(self, function: nodes.FunctionDef) -> tuple[Spec, ...] | None:
        """The ``input_signature`` the proposed decorator needs (``execution.signatures``): written when
        a bare decorator would retrace (Python numbers, shapes not proven fixed) and every parameter's
        rank and dtype are proven from the visible calls; None otherwise (bare, as before)."""
        return self._memo(("tf_function_signature", function), lambda: self._signature(function))

    def _signature(self, function: nodes.FunctionDef) -> tuple[Spec, ...] | None:
        facts = self._memo("shape_facts", lambda: ShapeFacts(self.settings))  # type: ignore[attr-defined]
        try:
            with package_on_sys_path(self.module.file):  # type: ignore[attr-defined]
                recorded = self.tf_function_recorded(function)
                if not (needs_signature(function, facts) or self._retraces_bare(function)
                        or (recorded is not None and recorded.retraces)):
                    return None
                helpers = self.reachable_with_overrides(function)
                if helpers is None:
                    return None
                static = input_signature(self, function, facts, helpers)
                if static is not None or recorded is None or recorded.contradicts:
                    return static
                return recorded.signature  # proven by the calls the user's tests made
        except (RecursionError, MemoryError):
            return None  # an expression too deep to follow: unproven

    def _eager_driver(self, call: nodes.Call) -> bool:
        """The function around ``call`` does TF ops of its own but is a driver all the same: it cannot
        be a graph itself (``bodies.graph_safe`` fails: ``print``, a callable parameter, I/O), and it
        runs eagerly, proven: a module-level def, not handed around, called only from module-level
        code of non-test modules (DeepDream's ``run_deep_dream_with_octaves``, called by the script).
        The largest unit a graph can hold is then the function it calls."""
        caller = owner(call)
        if not isinstance(caller, nodes.FunctionDef) or not isinstance(caller.parent, nodes.Module) \
                or bodies.keras_tensor_method(caller) or bodies.graph_safe(caller) or _passed_around(caller):
            return False
        sites = self.calls_to(caller)  # type: ignore[attr-defined]
        return bool(sites) and all(
            isinstance(site.scope(), nodes.Module) and not is_test_file(site.root().file)
            for site in sites
        )

    def _rebound_unproven(self, argument: nodes.NodeNG, site: nodes.Call) -> bool:
        """A name the loop around ``site`` assigns anew from other names, arithmetic or a conditional
        (no call), and that the value model does not prove a tensor, an array or a tf.Variable
        (``run_steps = chunk`` / ``run_steps = steps_remaining`` in DeepDream's ``while``: Python
        numbers that change): it may give a new trace per iteration, and stable traces are not
        proven. A call's result (``states = self.list_to_batch(batch)``, NumPy arrays the value model
        cannot see through) is left as before; a loop's own target is ``per_element_argument``'s."""
        loop = enclosing_loop(site)
        if loop is None or not isinstance(argument, nodes.Name):
            return False
        found = names.lookup(argument, builtins=False)
        rebound = found is not None and any(
            isinstance(binding, nodes.AssignName) and isinstance(binding.parent, (nodes.Assign, nodes.AugAssign))
            and enclosing_loop(binding) is loop and not _has_call(binding.parent.value)
            for binding in found[1]
        )
        return rebound and not self.kind(argument).kind.is_tensor_like  # type: ignore[attr-defined]


def _has_call(value: nodes.NodeNG) -> bool:
    return isinstance(value, nodes.Call) or any(True for _call in value.nodes_of_class(nodes.Call))


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


def _substantial_own_method(function: nodes.FunctionDef) -> bool:
    """A method that calls a method of its own class doing a step's work (``CVAE.sample`` returns
    ``self.decode(eps)``, which runs the decoder): ``bodies.substantial`` leaves ``self`` calls to the
    call graph, and this is the cheap look before it is asked."""
    cls = function.parent
    if not isinstance(cls, nodes.ClassDef):
        return False
    for call in calls_of_body(function):
        func = call.func
        if isinstance(func, nodes.Attribute) and is_self_reference(func.expr):
            method = class_method(cls, func.attrname)
            if method is not None and method is not function and bodies.substantial(method):
                return True
    return False


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
