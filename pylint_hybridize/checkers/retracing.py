"""Retracing: call patterns that make tf.function trace again and again.

tf.function keys its cache on the *values* of Python arguments and on the
shapes and dtypes of tensors. A Python int that changes every iteration, a new
object per call, a tf.function object created anew, or tensor shapes that keep
changing each cost a full trace (measured on TF 2.21: a train step retracing on
every call is ~94x slower than one traced once, and each trace leaks memory).

Every finding needs evidence in the code: a loop variable (or a value computed
from one) at the call site, a class instantiated in the loop, a creation inside
a loop. An argument whose value is unknown never gets a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages
from pylint.interfaces import HIGH

from pylint_hybridize import fixes
from pylint_hybridize.checkers._observed import confirmed, report_observed_retracing
from pylint_hybridize.checkers.base import HybridizeChecker, guarded
from pylint_hybridize.model import names
from pylint_hybridize.model.callsites import CallSite, enclosing_loop
from pylint_hybridize.model.hybrids import HybridFunction, resolve_local_class
from pylint_hybridize.model.traced import resolve_callee
from pylint_hybridize.model.values import Kind
from pylint_hybridize.model.walk import is_none_test, owner
from pylint_hybridize.rules import Rule, pylint_msgs

if TYPE_CHECKING:
    from pylint.lint import PyLinter


RULES = (
    Rule(
        "W9201",
        "python-scalar-retracing",
        template=(
            "'%s' is called with %s (%s): one trace per distinct value; fix: %s"
        ),
        description=(
            "tf.function traces once per distinct value of a Python int/float/str argument. Passing "
            "a loop counter (or a value computed from one) traces on every iteration. "
            "reduce_retracing=True does NOT help for Python scalars (TF 2.21)."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "W9202",
        "new-object-retracing",
        template=(
            "'%s' is called with a new Python object on every iteration (%s): one trace per call; fix: %s"
        ),
        description=(
            "tf.function traces again for every new Python object argument (even with __eq__/__hash__) "
            "and for lists whose length or scalar contents change."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9203",
        "tf-function-created-in-loop",
        template=(
            "tf.function %s is created %s: every new tf.function object traces again; fix: %s"
        ),
        description=(
            "A tf.function object created in a loop, or a class with a @tf.function method instantiated "
            "in a loop, starts with an empty trace cache every time: every iteration traces."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9204",
        "varying-shape-retracing",
        template=(
            "'%s' is called with tensors whose shape changes on every iteration (%s): one trace per "
            "shape; fix: %s"
        ),
        description=(
            "Without input_signature or reduce_retracing, tf.function traces once per distinct input "
            "shape. Slices with loop-dependent bounds or tensors built with a loop-dependent shape "
            "retrace on every iteration."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "W9205",
        "over-specified-input-signature",
        template=(
            "'%s' has an input_signature fixed to shape %s for argument %s, but this call passes shape %s "
            "(TF raises TypeError: Binding inputs to tf.function failed); fix: %s"
        ),
        description=(
            "An input_signature with fixed dimensions ('graph overly specialised') rejects calls with other "
            "shapes; use None for the dimensions that vary."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "W9206",
        "observed-retracing",
        template=(
            "'%s' was traced %d times in the test run: %s; fix: %s"
        ),
        description=(
            "A trace record of the project's own tests (pytest --hybridize-traces) shows this tf.function "
            "retracing on its arguments; the message names the arguments that varied and the input_signature "
            "that covers every recorded call."
        ),
        fix_safety="unsafe",
    ),
)

_MAX_DEPENDENCY_DEPTH = 4
DISTINCT_LITERALS = 3
"""Distinct Python literals for one parameter across call sites before we report (2 is like a flag)."""
# tensor factories whose first argument is a shape
_SHAPE_FACTORIES = frozenset(
    {
        "tensorflow.zeros", "tensorflow.ones", "tensorflow.fill", "tensorflow.random.uniform",
        "tensorflow.random.normal", "tensorflow.random.truncated_normal", "tensorflow.range",
        "numpy.zeros", "numpy.ones", "numpy.empty", "numpy.arange", "numpy.random.rand", "numpy.random.randn",
    }
)


class RetracingChecker(HybridizeChecker):
    name = "hybridize-retracing"
    msgs = pylint_msgs(RULES)

    @only_required_for_messages("observed-retracing")
    @guarded
    def leave_module(self, node: nodes.Module) -> None:
        report_observed_retracing(self, node)

    def report(self, symbol, node, args=None, *rest, **options):  # type: ignore[no-untyped-def]
        """Static findings that the test run's trace record confirms say so ('confirmed: N traces ...')."""
        super().report(symbol, node, confirmed(self, symbol, node, args), *rest, **options)

    # -- call sites ---------------------------------------------------------------
    @only_required_for_messages(
        "python-scalar-retracing", "new-object-retracing", "varying-shape-retracing", "over-specified-input-signature"
    )
    @guarded
    def visit_module(self, node: nodes.Module) -> None:
        model = self.model(node)
        for site in model.call_sites:
            if site.call.root() is node and site.loop is not None:
                self._check_site(site)
        for hybrid in model.hybrids:
            if hybrid.function.root() is not node:
                continue
            if hybrid.has_input_signature:
                self._check_signature_shapes(hybrid, model.sites_of(hybrid))
            else:
                self._check_literal_sites(hybrid, model.sites_of(hybrid))

    def _check_signature_shapes(self, hybrid: HybridFunction, sites: list[CallSite]) -> None:
        specs = _signature_specs(hybrid.options.get("input_signature"))
        if not specs:
            return
        # (argument node, its position, the shape passed), for every call outside the fixed shape
        rejected: list[tuple[nodes.NodeNG, int, list[int | None]]] = []
        varying: dict[int, set[int]] = {}  # argument position -> dimensions that differ at some call
        for site in sites:
            for index, argument in enumerate(site.call.args):
                if index >= len(specs) or specs[index] is None:
                    break
                spec_shape = specs[index][1]
                passed = literal_shape(argument)
                if passed is None or len(passed) != len(spec_shape):
                    continue
                differing = {d for d, (want, got) in enumerate(zip(spec_shape, passed)) if want is not None and want != got}
                if differing:
                    rejected.append((argument, index, passed))
                    varying.setdefault(index, set()).update(differing)
        for argument, index, passed in rejected:
            spec_node, spec_shape = specs[index]
            # every call site proposes the same edit (all the dimensions that vary), so one fix run is enough
            relaxed = [None if d in varying[index] else dim for d, dim in enumerate(spec_shape)]
            shape_node = spec_node.args[0] if spec_node.args else next(
                k.value for k in spec_node.keywords if k.arg == "shape")
            relaxed_spec = spec_node.as_string().replace(shape_node.as_string(), _shape_text(relaxed), 1)
            description = f"use None for the varying dimension: {relaxed_spec}"
            # unsafe: other callers, or the body, may rely on the fixed dimension
            fix = fixes.Fix(description, _relax_edits(shape_node, relaxed), safe=False)
            self.report(
                "over-specified-input-signature",
                argument,
                args=(hybrid.name, _shape_text(spec_shape), index + 1, _shape_text(passed), description),
                confidence=HIGH,
                fix=fix,
            )

    def _check_literal_sites(self, hybrid: HybridFunction, sites: list[CallSite]) -> None:
        """Several distinct Python literals passed at different call sites: one trace each."""
        literals: dict[int | str, dict[object, nodes.NodeNG]] = {}
        for site in sites:
            for key, argument in _keyed_arguments(site.call):
                if isinstance(argument, nodes.Const) and self.model(argument).kind(argument).kind is Kind.SCALAR:
                    literals.setdefault(key, {}).setdefault(argument.value, argument)
        for key, values in literals.items():
            if len(values) < DISTINCT_LITERALS:
                continue
            shown = ", ".join(repr(v) for v in list(values)[:5])
            prefix, _ = fixes.tf_prefix(hybrid.function)
            dtype = _literal_dtype(list(values), prefix)
            what = f"argument {key + 1}" if isinstance(key, int) else f"'{key}'"
            self.report(
                "python-scalar-retracing",
                list(values.values())[-1],
                args=(
                    hybrid.name,
                    "different Python literals",
                    f"{len(values)} different values for {what} across call sites: {shown}",
                    f"pass {prefix}.constant(...) at the call sites, or give '{hybrid.name}' an input_signature "
                    f"with {prefix}.TensorSpec([], {dtype}) for this argument",
                ),
                confidence=HIGH,
            )

    def _check_site(self, site: CallSite) -> None:
        hybrid = site.hybrid
        if hybrid.has_input_signature:
            return  # arguments are converted to tensors of the declared spec: no retracing by value
        for argument in _arguments(site.call):
            if _new_instance_in_loop(argument, site.loop):
                self._report_new_object(hybrid, argument, f"'{argument.as_string()}' builds a new object")
                return
            loop_var = _varying_loop_variable(argument, site.loop, self.model(argument))
            if loop_var is None:
                continue
            if self._scalar_argument(site, hybrid, argument, loop_var):
                return
            if self._object_argument(site, hybrid, argument, loop_var):
                return
            if self._shape_argument(site, hybrid, argument, loop_var):
                return

    def _scalar_argument(self, site: CallSite, hybrid: HybridFunction, argument: nodes.NodeNG, loop_var: str) -> bool:
        answer = self.model(argument).kind(argument)
        if answer.kind is not Kind.SCALAR:
            return False
        prefix, needs_import = fixes.tf_prefix(site.call)
        wrapped = f"{prefix}.constant({argument.as_string()})"
        dtype = f"{prefix}.{answer.dtype}" if answer.dtype in ("int32", "float32") else "..."
        fix = fixes.Fix(
            description=(
                f"pass {wrapped} (or give '{hybrid.name}' an input_signature with "
                f"{prefix}.TensorSpec([], {dtype}) for this argument)"
            ),
            edits=fixes.wrap(argument, f"{prefix}.constant(", ")"),  # the argument's own text stays
            # unsafe: TF converts a Python int to the dtype of the tensor it meets (x * 2 + step), but
            # tf.constant(step) is an int32 tensor, and int32 + float32 raises TypeError in the graph
            safe=False,
            needs_tf_import=needs_import,
        )
        self.report(
            "python-scalar-retracing",
            argument,
            args=(hybrid.name, "a Python scalar that changes on every iteration", _dependence(argument, loop_var),
                  fix.description),
            confidence=HIGH,
            fix=fix,
        )
        return True

    def _object_argument(self, site: CallSite, hybrid: HybridFunction, argument: nodes.NodeNG, loop_var: str) -> bool:
        model = self.model(argument)
        if isinstance(argument, (nodes.List, nodes.Tuple)) and any(
            model.kind(element).kind is Kind.SCALAR and _varying_loop_variable(element, site.loop, model)
            for element in argument.elts
        ):
            self._report_new_object(hybrid, argument, f"'{argument.as_string()}' holds Python scalars that depend on '{loop_var}'")
            return True
        return False

    def _report_new_object(self, hybrid: HybridFunction, argument: nodes.NodeNG, what: str) -> None:
        self.report(
            "new-object-retracing",
            argument,
            args=(hybrid.name, what, "pass tensors (tf.constant/tf.stack), or make the type a tf.experimental.ExtensionType"),
            confidence=HIGH,
        )

    def _shape_argument(self, site: CallSite, hybrid: HybridFunction, argument: nodes.NodeNG, loop_var: str) -> bool:
        if hybrid.option("reduce_retracing") is not None or hybrid.option("experimental_relax_shapes") is not None:
            return False
        what = _shape_evidence(argument, site.loop, self.model(argument))
        if what is None:
            return False
        description = (
            f"add reduce_retracing=True to '{hybrid.name}''s tf.function, or an input_signature with None "
            "in the varying dimension"
        )
        # a configured wrapper (tf_agents' common.function, ...) may not pass the option on
        # (and a hybrid of another module is edited there, not from this call site)
        local = hybrid.creation.root() is site.call.root()
        edit = None if hybrid.is_wrapper or not local else fixes.add_tf_function_option(hybrid.creation, "reduce_retracing=True")
        # unsafe: shapes become partly unknown (None) while tracing, which code reading x.shape may not expect
        fix = fixes.Fix(description, (edit,) if edit else (), safe=False)
        self.report("varying-shape-retracing", argument, args=(hybrid.name, what, description), confidence=HIGH, fix=fix)
        return True

    # -- tf.function created repeatedly ------------------------------------------
    @only_required_for_messages("tf-function-created-in-loop")
    @guarded
    def visit_functiondef(self, node: nodes.FunctionDef) -> None:
        hybrid = self.model(node).hybrid_of(node)
        if hybrid is None or hybrid.via != "decorator":
            return
        loop = enclosing_loop(node)
        if loop is not None:
            self._report_created_in_loop(node, hybrid, "by a def inside a loop", "define it once, before the loop")
            return
        if isinstance(node.parent, nodes.ClassDef):
            self._check_class_instantiated_in_loop(node, hybrid, node.parent)
            return
        self._check_factory_called_in_loop(node, hybrid)

    def _check_factory_called_in_loop(self, node: nodes.NodeNG, hybrid: HybridFunction) -> bool:
        """The tf.function is made inside a function that a loop calls: a new one per iteration."""
        factory = owner(node)
        if not isinstance(factory, nodes.FunctionDef):
            return False
        model = self.model(node)
        cls = factory.parent if isinstance(factory.parent, nodes.ClassDef) and factory.name == "__init__" else None
        for call in model.calls:
            loop = enclosing_loop(call)
            if loop is None or model.trace_info(call) is not None:
                continue  # traced loops run once
            if cls is not None:
                # functions stored for later (one per task) are deliberate
                called = resolve_local_class(call.func) is cls and _used_in_same_iteration(call, loop)
                what = f"anew by every {cls.name}(...), which is called in a loop (line {call.lineno})"
                fix_text = f"create one {cls.name} before the loop"
            else:
                # the factory's result used in the same iteration, or the factory calling what it made
                called = (_used_in_same_iteration(call, loop) or _called_where_made(model, hybrid, factory)) and (
                    resolve_callee(call.func) is factory
                )
                what = f"anew by every call of '{factory.name}', which is called in a loop (line {call.lineno})"
                fix_text = f"create it once, outside '{factory.name}' (module level, or cache it)"
            if called:
                self._report_created_in_loop(node, hybrid, what, fix_text)
                return True
        return False

    @only_required_for_messages("tf-function-created-in-loop")
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        if not isinstance(node.func, (nodes.Name, nodes.Attribute)):
            return
        for hybrid in self.model(node).hybrids:
            if hybrid.creation is node or (hybrid.via == "call" and hybrid.creation.parent is node):
                if hybrid.via == "decorator":
                    return  # reported by visit_functiondef
                if enclosing_loop(node) is not None:
                    self._report_created_in_loop(
                        node, hybrid, "by tf.function(...) inside a loop", "call tf.function once, before the loop"
                    )
                else:
                    self._check_factory_called_in_loop(node, hybrid)
                return

    def _report_created_in_loop(self, node: nodes.NodeNG, hybrid: HybridFunction, how: str, fix_text: str) -> None:
        self.report("tf-function-created-in-loop", node, args=(f"'{hybrid.name}'", how, fix_text), confidence=HIGH)

    def _check_class_instantiated_in_loop(self, node: nodes.FunctionDef, hybrid: HybridFunction, cls: nodes.ClassDef) -> None:
        model = self.model(node)
        for call in model.calls:
            loop = enclosing_loop(call) if resolve_local_class(call.func) is cls else None
            if (
                loop is None
                or not _used_in_same_iteration(call, loop)
                or _lazily_created(call, loop)
                or model.trace_info(call) is not None
            ):
                continue  # instances kept for later (one per worker), built once under 'if x is None:', graph loops
            self.report(
                "tf-function-created-in-loop",
                node,
                args=(
                    f"'{hybrid.name}'",
                    f"anew for every {cls.name} instance, and {cls.name}(...) is called in a loop (line {call.lineno})",
                    f"create one {cls.name} before the loop, or make '{node.name}' a module-level tf.function "
                    "that takes the state (variables) as arguments",
                ),
                confidence=HIGH,
            )
            return


def _called_where_made(model, hybrid: HybridFunction, factory: nodes.FunctionDef) -> bool:
    """The function that makes ``hybrid`` also calls it (``step = tf.function(f); return step(x)``)."""
    return any(owner(site.call) is factory for site in model.sites_of(hybrid))


def _lazily_created(call: nodes.Call, loop: nodes.NodeNG) -> bool:
    """``x = Cls(...)`` under ``if x is None:`` / ``if not x:`` inside the loop: built once, then reused."""
    statement = call.parent
    if not isinstance(statement, nodes.Assign) or len(statement.targets) != 1:
        return False
    target = statement.targets[0]
    if isinstance(target, nodes.AssignName):
        wanted = target.name
    elif isinstance(target, nodes.AssignAttr):
        wanted = target.as_string()
    else:
        return False
    child, parent = statement, statement.parent
    while parent is not None and parent is not loop:
        if isinstance(parent, nodes.If) and child is not parent.test and child in parent.body:
            test = parent.test
            if is_none_test(test, wanted):
                return True
            if isinstance(test, nodes.UnaryOp) and test.op == "not" and test.operand.as_string() == wanted:
                return True
        child, parent = parent, parent.parent
    return False


def _used_in_same_iteration(call: nodes.Call, loop: nodes.NodeNG) -> bool:
    """``make_step(s)(x)``, ``Runner().run(x)``, or ``step = make_step(s)`` then ``step(x)`` in the loop."""
    parent = call.parent
    if isinstance(parent, nodes.Call) and parent.func is call:
        return True
    if isinstance(parent, nodes.Attribute) and isinstance(parent.parent, nodes.Call) and parent.parent.func is parent:
        return True
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], nodes.AssignName):
        name = parent.targets[0].name
        body = loop.body if isinstance(loop, (nodes.For, nodes.While)) else []
        for statement in body:
            for other in statement.nodes_of_class(nodes.Call):
                func = other.func
                if isinstance(func, nodes.Attribute):
                    func = func.expr
                if isinstance(func, nodes.Name) and func.name == name:
                    return True
    return False


def _dependence(argument: nodes.NodeNG, loop_var: str) -> str:
    text = argument.as_string()
    if text == loop_var:
        return f"'{loop_var}' is the loop variable"
    return f"'{text}' is derived from the loop variable '{loop_var}'"


def _literal_dtype(values: list[object], prefix: str) -> str:
    """The dtype tf.constant gives these Python literals (int32, float32, string); ``...`` if mixed."""
    kinds = {type(value) for value in values}
    if kinds == {int}:
        return f"{prefix}.int32"
    if kinds <= {int, float} and float in kinds:
        return f"{prefix}.float32"
    if kinds == {str}:
        return f"{prefix}.string"
    return "..."


def _new_instance_in_loop(argument: nodes.NodeNG, loop: nodes.NodeNG | None) -> bool:
    """``f(x, Config(...))`` inside the loop: an instance of a project class built per iteration."""
    if loop is None or not isinstance(argument, nodes.Call):
        return False
    cls = resolve_local_class(argument.func)
    return cls is not None and not _traced_structurally(cls)


# Types tf.function traces by their fields, not by identity: no retrace per instance.
_STRUCTURAL_BASES = frozenset(
    {
        "tensorflow.experimental.ExtensionType",
        "tensorflow.experimental.BatchableExtensionType",
        "typing.NamedTuple",
    }
)


def _traced_structurally(cls: nodes.ClassDef) -> bool:
    for base in cls.bases:
        if isinstance(base, (nodes.Name, nodes.Attribute)) and names.qualified_name(base) in _STRUCTURAL_BASES:
            return True
    return False


def _relax_edits(shape_node: nodes.NodeNG, relaxed: list[int | None]) -> tuple[fixes.Edit, ...]:
    """``None`` written over each dimension that varies; the rest of the shape keeps its text."""
    if isinstance(shape_node, (nodes.List, nodes.Tuple)) and len(shape_node.elts) == len(relaxed):
        return tuple(
            fixes.Edit.replace_node(element, "None")
            for element, dimension in zip(shape_node.elts, relaxed)
            if dimension is None and not (isinstance(element, nodes.Const) and element.value is None)
        )
    return (fixes.Edit.replace_node(shape_node, _shape_text(relaxed)),)


def _shape_text(shape: list[int | None]) -> str:
    return "[" + ", ".join("None" if d is None else str(d) for d in shape) + "]"


def _literal_dims(node: nodes.NodeNG | None) -> list[int | None] | None:
    if isinstance(node, (nodes.List, nodes.Tuple)):
        dims: list[int | None] = []
        for element in node.elts:
            if isinstance(element, nodes.Const) and (element.value is None or type(element.value) is int):
                dims.append(element.value)
            else:
                return None
        return dims
    return None


def _signature_specs(signature: nodes.NodeNG | None) -> list[tuple[nodes.Call, list[int | None]] | None]:
    """The literal shapes of ``[tf.TensorSpec(shape, ...), ...]``; None entries where not literal."""
    if not isinstance(signature, (nodes.List, nodes.Tuple)):
        return []
    specs: list[tuple[nodes.Call, list[int | None]] | None] = []
    for element in signature.elts:
        shape = None
        if isinstance(element, nodes.Call) and isinstance(element.func, (nodes.Name, nodes.Attribute)):
            if names.qualified_name(element.func) == "tensorflow.TensorSpec":
                given = element.args[0] if element.args else next(
                    (k.value for k in element.keywords or () if k.arg == "shape"), None)
                shape = _literal_dims(given)
        specs.append((element, shape) if shape is not None else None)
    return specs


def literal_shape(argument: nodes.NodeNG) -> list[int | None] | None:
    """Shape of ``tf.zeros([2, 3])``-like factories and ``tf.constant(<nested list literal>)``."""
    if not isinstance(argument, nodes.Call) or not isinstance(argument.func, (nodes.Name, nodes.Attribute)):
        return None
    qualified = names.qualified_name(argument.func)
    if qualified in _SHAPE_FACTORIES and qualified not in ("tensorflow.range", "numpy.arange") and argument.args:
        return _literal_dims(argument.args[0])
    if qualified == "tensorflow.constant" and argument.args:
        return _nested_list_shape(argument.args[0])
    return None


def _nested_list_shape(node: nodes.NodeNG) -> list[int | None] | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return []
    if isinstance(node, (nodes.List, nodes.Tuple)) and node.elts:
        inner = [_nested_list_shape(e) for e in node.elts]
        if any(i is None for i in inner) or any(i != inner[0] for i in inner):
            return None
        return [len(node.elts), *inner[0]]
    return None


def _keyed_arguments(call: nodes.Call) -> list[tuple[int | str, nodes.NodeNG]]:
    keyed: list[tuple[int | str, nodes.NodeNG]] = [
        (index, argument) for index, argument in enumerate(call.args) if not isinstance(argument, nodes.Starred)
    ]
    keyed += [(k.arg, k.value) for k in call.keywords or () if k.arg is not None]
    return keyed


def _arguments(call: nodes.Call) -> list[nodes.NodeNG]:
    return [*call.args, *(keyword.value for keyword in call.keywords or () if keyword.arg is not None)]


def _varying_loop_variable(expr: nodes.NodeNG, loop: nodes.NodeNG | None, model=None, _depth: int = 0) -> str | None:
    """The loop variable that ``expr`` depends on (directly, or through assignments in the loop body,
    ``lr = 0.1 / (epoch + 1)``), when it is bound by ``loop`` or a loop around it to Python values."""
    if loop is None or _depth > _MAX_DEPENDENCY_DEPTH:
        return None
    for name in _names_in(expr):
        assignment = names.sole_binding(name)
        if assignment is None:
            continue
        binder = _binding_statement(assignment)
        if isinstance(binder, (nodes.For, nodes.Comprehension)) and _loop_encloses(binder, loop):
            if _iterates_python_values(binder, assignment, model):
                return name.name
        elif isinstance(binder, nodes.Assign) and _inside_loop_body(binder, loop):
            found = _varying_loop_variable(binder.value, loop, model, _depth + 1)
            if found:
                return found
    return None


def _names_in(expr: nodes.NodeNG) -> list[nodes.Name]:
    if isinstance(expr, nodes.Name):
        return [expr]
    return list(expr.nodes_of_class(nodes.Name, skip_klass=(nodes.Lambda, nodes.FunctionDef)))


def _binding_statement(assignment: nodes.AssignName) -> nodes.NodeNG | None:
    node = assignment.parent
    while isinstance(node, (nodes.Tuple, nodes.List, nodes.Starred)):
        node = node.parent
    return node


def _iterates_python_values(binder: nodes.For | nodes.Comprehension, variable: nodes.AssignName, model=None) -> bool:
    """``range(...)``, the index of ``enumerate(...)``, a list of Python scalars: a Python value each time."""
    if binder.target is variable:
        return model is not None and model.kinds.loop_target(binder.iter).kind is Kind.SCALAR
    iterable = binder.iter
    if isinstance(iterable, nodes.Call) and names.builtin_name(iterable.func) == "enumerate":
        # only the index (first element of the target tuple) is a Python int
        target = binder.target
        return isinstance(target, nodes.Tuple) and bool(target.elts) and target.elts[0] is variable
    return False


def _loop_encloses(binder: nodes.NodeNG, loop: nodes.NodeNG) -> bool:
    """Whether the loop binding the variable is ``loop`` or one around it."""
    node: nodes.NodeNG | None = loop
    while node is not None:
        if node is binder:
            return True
        node = enclosing_loop(node) if not isinstance(node, nodes.Comprehension) else enclosing_loop(node.parent)
    return False


def _inside_loop_body(statement: nodes.NodeNG, loop: nodes.NodeNG) -> bool:
    node = statement.parent
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Module, nodes.ClassDef)):
        if node is loop:
            return True
        node = node.parent
    return False


def _shape_evidence(argument: nodes.NodeNG, loop: nodes.NodeNG | None, model=None) -> str | None:
    if isinstance(argument, nodes.Subscript) and isinstance(argument.slice, nodes.Slice):
        bounds = [b for b in (argument.slice.lower, argument.slice.upper) if b is not None]
        for bound in bounds:
            variable = _varying_loop_variable(bound, loop, model)
            if variable is not None:
                return f"'{argument.as_string()}' slices with a bound that depends on '{variable}'"
    if isinstance(argument, nodes.Call) and isinstance(argument.func, (nodes.Name, nodes.Attribute)):
        if names.qualified_name(argument.func) in _SHAPE_FACTORIES and argument.args:
            variable = _varying_loop_variable(argument.args[0], loop, model)
            if variable is not None:
                return f"'{argument.as_string()}' has a shape that depends on '{variable}'"
    return None


def register(linter: PyLinter) -> None:
    linter.register_checker(RetracingChecker(linter))
