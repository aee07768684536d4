"""Retracing: call patterns that make tf.function trace again and again.

tf.function keys its cache on the *values* of Python arguments and on the
shapes and dtypes of tensors. A Python int that changes every iteration, a new
object per call, a tf.function object created anew, or tensor shapes that keep
changing each cost a full trace (measured on TF 2.21: a train step retracing on
every call is ~94x slower than one traced once, and each trace leaks memory).

Every finding needs evidence in the code: a loop variable (or a value computed
from one) at the call site, a class instantiated in the loop, a creation inside
a loop. An argument whose value is unknown never gets a message. The evidence
comes from the model (``model.loops``, ``model.signature``, the call graph);
each rule below is one method named after its symbol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages
from pylint.interfaces import HIGH

from pylint_hybridize import fixes
from pylint_hybridize.checkers._observed import confirmed, report_observed_retracing
from pylint_hybridize.checkers.base import HybridizeChecker, guarded
from pylint_hybridize.model import (
    CallSite,
    HybridFunction,
    Kind,
    captured_iteration_value,
    eager_python_loop,
    enclosing_loop,
    factory_call_per_iteration,
    instance_per_iteration,
    keyed_arguments,
    made_and_dropped_per_iteration,
    new_instance_in_loop,
    owner,
    rejected_shapes,
    same_node_here,
    hybrid_scalar_literals,
    varying_loop_variable,
    varying_scalars,
    varying_shape,
)
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

DISTINCT_LITERALS = 3
"""Distinct Python literals for one parameter across call sites before we report (2 is like a flag)."""


class RetracingChecker(HybridizeChecker):
    name = "hybridize-retracing"
    msgs = pylint_msgs(RULES)

    @only_required_for_messages("observed-retracing")
    @guarded
    def leave_module(self, node: nodes.Module) -> None:
        self.observed_retracing(node)

    @only_required_for_messages(
        "python-scalar-retracing", "new-object-retracing", "varying-shape-retracing", "over-specified-input-signature"
    )
    @guarded
    def visit_module(self, node: nodes.Module) -> None:
        model = self.model(node)
        for site in model.call_sites:
            if (
                site.call.root() is node
                and site.loop is not None
                and not site.hybrid.has_input_signature
                # a loop in a tf.function's body is unrolled while it is traced: the callee's traces are
                # made once per trace of the caller, never when its graph runs again
                and not model.runs_only_while_traced(site.call)
            ):
                # input_signature converts the arguments to tensors of the declared spec: no retracing by value;
                # one finding per call: the first argument with evidence
                for _key, argument in keyed_arguments(site.call, starred=True):
                    if (
                        self.new_object_retracing(site, argument)
                        or self.python_scalar_retracing(site, argument)
                        or self.varying_shape_retracing(site, argument)
                    ):
                        break
        for hybrid in model.hybrids:
            if hybrid.function.root() is node and hybrid.has_input_signature:
                self.over_specified_input_signature(hybrid, model.sites_of(hybrid))
        self._python_scalar_retracing_literals(node)

    @only_required_for_messages("tf-function-created-in-loop")
    @guarded
    def visit_functiondef(self, node: nodes.FunctionDef) -> None:
        hybrid = self.model(node).hybrid_of(node)
        if hybrid is not None and hybrid.via == "decorator":
            self.tf_function_created_in_loop(node, hybrid)

    @only_required_for_messages("tf-function-created-in-loop")
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        if not isinstance(node.func, (nodes.Name, nodes.Attribute)):
            return
        hybrid = self.model(node).hybrid_created_at(node)  # an index: linear on huge modules
        if hybrid is not None and hybrid.via == "call":  # a decorator is reported by visit_functiondef
            self.tf_function_created_in_loop(node, hybrid)

    def report(self, symbol, node, args=None, *rest, **options):  # type: ignore[no-untyped-def]
        """Static findings that the test run's trace record confirms say so ('confirmed: N traces ...')."""
        super().report(symbol, node, confirmed(self, symbol, node, args), *rest, **options)

    # -- observed-retracing -------------------------------------------------------
    def observed_retracing(self, module: nodes.Module) -> None:
        """The test run's trace record shows a hybrid of this module retracing (see ``_observed``)."""
        report_observed_retracing(self, module)

    # -- python-scalar-retracing ----------------------------------------------------
    def python_scalar_retracing(self, site: CallSite, argument: nodes.NodeNG) -> bool:
        """A Python scalar that follows the loop variable, passed to a hybrid in the loop."""
        model = self.model(argument)
        loop_var = varying_loop_variable(argument, site.loop, model.kinds)
        if loop_var is None:
            return False
        answer = model.kind(argument)
        if answer.kind is not Kind.SCALAR or answer.dtype == "string":
            return False  # a str picks a code path (a mode, a name): see _python_scalar_retracing_literals
        hybrid = site.hybrid
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
            args=(hybrid.name, "a Python scalar that changes on every iteration",
                  _python_scalar_retracing_dependence(argument, loop_var), fix.description),
            confidence=HIGH,
            fix=fix,
        )
        return True

    def _python_scalar_retracing_literals(self, module: nodes.Module) -> None:
        """Several distinct Python literals passed to one hybrid at different call sites (in this module
        or in the other modules of its package): one trace each. Reported at the first call that passes
        the last distinct value, in the module where that call is."""
        model = self.model(module)
        hybrids = [h for h in model.hybrids if h.function.root() is module]
        hybrids += [h for h in model.imported_hybrids_called() if all(h is not other for other in hybrids)]
        for hybrid in hybrids:
            if hybrid.has_input_signature:
                continue
            for key, values in hybrid_scalar_literals(hybrid, model).items():
                if len(values) < DISTINCT_LITERALS or any(isinstance(value, (str, bytes)) for value in values):
                    # a str argument picks a code path or names something (mode='front', a summary or
                    # registry name): the traces are bounded by the literals written, and as a tf.string
                    # tensor it would break its Python uses (comparisons, dict keys, names)
                    continue
                where = same_node_here(list(values.values())[-1], module)
                if where is None:
                    continue  # the varying call is in another module: reported there
                shown = ", ".join(repr(v) for v in list(values)[:5])
                prefix, _ = fixes.tf_prefix(where)
                dtype = _literal_dtype(list(values), prefix)
                what = f"argument {key + 1}" if isinstance(key, int) else f"'{key}'"
                self.report(
                    "python-scalar-retracing",
                    where,
                    args=(
                        hybrid.name,
                        "different Python literals",
                        f"{len(values)} different values for {what} across call sites: {shown}",
                        f"pass {prefix}.constant(...) at the call sites, or give '{hybrid.name}' an input_signature "
                        f"with {prefix}.TensorSpec([], {dtype}) for this argument",
                    ),
                    confidence=HIGH,
                )

    # -- new-object-retracing -----------------------------------------------------------
    def new_object_retracing(self, site: CallSite, argument: nodes.NodeNG) -> bool:
        """A project class instantiated in the loop, or a list of loop-varying Python scalars, passed to
        a hybrid in the loop."""
        if new_instance_in_loop(argument, site.loop):
            what = f"'{argument.as_string()}' builds a new object"
        else:
            loop_var = varying_scalars(argument, site.loop, self.model(argument))
            if loop_var is None:
                return False
            what = f"'{argument.as_string()}' holds Python scalars that depend on '{loop_var}'"
        self.report(
            "new-object-retracing",
            argument,
            args=(site.hybrid.name, what,
                  "pass tensors (tf.constant/tf.stack), or make the type a tf.experimental.ExtensionType"),
            confidence=HIGH,
        )
        return True

    # -- varying-shape-retracing -----------------------------------------------------
    def varying_shape_retracing(self, site: CallSite, argument: nodes.NodeNG) -> bool:
        """A tensor sliced or built with a loop-dependent shape, passed to a hybrid without reduce_retracing."""
        hybrid = site.hybrid
        model = self.model(argument)
        if varying_loop_variable(argument, site.loop, model.kinds) is None:
            return False
        if hybrid.reduce_retracing is not False:
            return False  # relaxed shapes, or a setting the code does not show
        shape = varying_shape(argument, site.loop, model.kinds)
        if shape is None:
            return False
        if shape.how == "slice":
            what = f"'{argument.as_string()}' slices with a bound that depends on '{shape.variable}'"
        else:
            what = f"'{argument.as_string()}' has a shape that depends on '{shape.variable}'"
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

    # -- over-specified-input-signature ------------------------------------------------
    def over_specified_input_signature(self, hybrid: HybridFunction, sites: list[CallSite]) -> None:
        """A call passing a literal shape that a fixed dimension of the input_signature rejects."""
        specs = hybrid.signature
        if not specs:
            return
        rejected, varying = rejected_shapes(specs, [site.call for site in sites])
        for found in rejected:
            argument, index, passed = found.argument, found.index, found.passed
            spec = specs[index]
            # every call site proposes the same edit (all the dimensions that vary), so one fix run is enough
            relaxed = [None if d in varying[index] else dim for d, dim in enumerate(spec.shape)]
            relaxed_spec = spec.node.as_string().replace(spec.shape_node.as_string(), _shape_text(relaxed), 1)
            description = f"use None for the varying dimension: {relaxed_spec}"
            # unsafe: other callers, or the body, may rely on the fixed dimension
            fix = fixes.Fix(description, _over_specified_relax_edits(spec.shape_node, relaxed), safe=False)
            self.report(
                "over-specified-input-signature",
                argument,
                args=(hybrid.name, _shape_text(spec.shape), index + 1, _shape_text(passed), description),
                confidence=HIGH,
                fix=fix,
            )

    # -- tf-function-created-in-loop ---------------------------------------------------
    def tf_function_created_in_loop(self, node: nodes.NodeNG, hybrid: HybridFunction) -> None:
        """A tf.function made in a loop, per instance of a class built in a loop, or per call of a
        helper that a loop calls: a new trace cache every time."""
        loop = enclosing_loop(node)
        if loop is not None:
            model = self.model(node)
            if not (eager_python_loop(loop, model) and made_and_dropped_per_iteration(node, loop)):
                return  # a graph loop, or one function per item kept for later (a registry): each traces once
            if captured_iteration_value(node, loop, model) is not None:
                return  # it reads an object or Python value made in the iteration: a graph per iteration is needed
            if hybrid.via == "decorator":
                self._tf_function_created_in_loop_report(node, hybrid, "by a def inside a loop",
                                                         "define it once, before the loop")
            else:
                self._tf_function_created_in_loop_report(node, hybrid, "by tf.function(...) inside a loop",
                                                         "call tf.function once, before the loop")
        elif hybrid.via == "decorator" and isinstance(node.parent, nodes.ClassDef):
            self._tf_function_created_in_loop_per_instance(node, hybrid, node.parent)
        else:
            self._tf_function_created_in_loop_per_call(node, hybrid)

    def _tf_function_created_in_loop_per_call(self, node: nodes.NodeNG, hybrid: HybridFunction) -> None:
        """The tf.function is made inside a function that a loop calls: a new one per iteration."""
        factory = owner(node)
        if not isinstance(factory, nodes.FunctionDef):
            return
        call = factory_call_per_iteration(factory, hybrid, self.model(node))
        if call is None:
            return
        if isinstance(factory.parent, nodes.ClassDef) and factory.name == "__init__":
            cls = factory.parent
            what = f"anew by every {cls.name}(...), which is called in a loop (line {call.lineno})"
            fix_text = f"create one {cls.name} before the loop"
        else:
            what = f"anew by every call of '{factory.name}', which is called in a loop (line {call.lineno})"
            fix_text = f"create it once, outside '{factory.name}' (module level, or cache it)"
        self._tf_function_created_in_loop_report(node, hybrid, what, fix_text)

    def _tf_function_created_in_loop_per_instance(self, node: nodes.FunctionDef, hybrid: HybridFunction,
                                                  cls: nodes.ClassDef) -> None:
        call = instance_per_iteration(cls, self.model(node))
        if call is None:
            return
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

    def _tf_function_created_in_loop_report(self, node: nodes.NodeNG, hybrid: HybridFunction, how: str,
                                            fix_text: str) -> None:
        self.report("tf-function-created-in-loop", node, args=(f"'{hybrid.name}'", how, fix_text), confidence=HIGH)


# -- message and fix text --------------------------------------------------------------
def _python_scalar_retracing_dependence(argument: nodes.NodeNG, loop_var: str) -> str:
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


def _over_specified_relax_edits(shape_node: nodes.NodeNG, relaxed: list[int | None]) -> tuple[fixes.Edit, ...]:
    """``None`` written over each dimension that varies; the rest of the shape keeps its text."""
    if isinstance(shape_node, (nodes.List, nodes.Tuple)) and len(shape_node.elts) == len(relaxed):
        return tuple(
            fixes.Edit.replace_node(element, "None")
            for element, dimension in zip(shape_node.elts, relaxed)
            if dimension is None and not (isinstance(element, nodes.Const) and element.value is None)
        )
    return (fixes.Edit.replace_node(shape_node, _shape_text(relaxed)),)


def _shape_text(shape) -> str:  # type: ignore[no-untyped-def]
    return "[" + ", ".join("None" if d is None else str(d) for d in shape) + "]"


def register(linter: PyLinter) -> None:
    linter.register_checker(RetracingChecker(linter))
