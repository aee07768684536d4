"""Decorator hygiene: deprecated tf.function arguments, debug leftovers, redundant decorators.

The empirical study found most hybridization fixes are decorator changes: add
``tf.function``, remove it, or change one of its parameters. This family finds
the parameter changes TensorFlow has already made for you (deprecated names),
switches that silently turn every tf.function back into eager code, and
decorators that only add a second trace cache because every caller is traced.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages
from pylint.interfaces import HIGH, INFERENCE

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import HybridizeChecker, guarded
from pylint_hybridize.model import names
from pylint_hybridize.model.callsites import enclosing_loop
from pylint_hybridize.model.hybrids import (
    TF_FUNCTION,
    HybridFunction,
    enclosing_class,
    is_self_reference,
    resolve_function_reference,
)
from pylint_hybridize.model.traced import resolve_callee, traced_arguments
from pylint_hybridize.model.values import Kind, extra_keywords, tf_call_kind, value_kind
from pylint_hybridize.model.walk import FUNCTION_TYPES, owner
from pylint_hybridize.rules import Rule, pylint_msgs

if TYPE_CHECKING:
    from pylint.lint import PyLinter


RULES = (
    Rule(
        "W9501",
        "deprecated-tf-function-argument",
        template=(
            "tf.function argument '%s' is deprecated (TF still accepts it and warns at most once per "
            "process, usually never); fix: %s"
        ),
        description=(
            "experimental_relax_shapes, experimental_compile and experimental_follow_type_hints were "
            "renamed or removed; TF 2.21 still maps them silently."
        ),
        fix_safety="safe",
    ),
    Rule(
        "W9502",
        "eager-execution-leftover",
        template=(
            "%s turns every tf.function into eager code (no graph speed-up, graph-only errors hidden); "
            "fix: %s"
        ),
        description=(
            "tf.config.run_functions_eagerly(True) and compile(run_eagerly=True) are debugging "
            "switches; left in production code they remove the whole benefit of tf.function "
            "(measured: 2.47 ms vs 0.50 ms per train step)."
        ),
        fix_safety="none",
    ),
    Rule(
        "R9503",
        "redundant-tf-function",
        template=(
            "'%s' is only ever called from traced code (%s), where it is traced inline anyway; the "
            "decorator only adds a second trace cache; fix: %s"
        ),
        description=(
            "A tf.function called only from other tf.functions is traced as part of its callers; "
            "its own decorator adds nothing but another function object and trace cache."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "E9505",
        "input-signature-mismatch",
        template=(
            "'%s' has an input_signature, but %s: TF raises 'TypeError: Binding inputs to tf.function "
            "failed'; fix: %s"
        ),
        description=(
            "With an input_signature, every argument must convert to its TensorSpec: extra keyword "
            "arguments (**kwargs) and Python objects (instances, dicts) are rejected when the function "
            "is called."
        ),
        fix_safety="none",
    ),
    Rule(
        "R9506",
        "barren-tf-function",
        template=(
            "'%s' is a tf.function but does no tensor work (no TF op, no tensor argument): tracing "
            "only adds cost and turns its Python results into tensors; fix: %s"
        ),
        description=(
            "The 'optimise hybrid function' refactoring: a decorated function that computes nothing "
            "with tensors gains nothing from a graph."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "C9504",
        "tf-function-opportunity",
        template=(
            "'%s' runs TensorFlow ops eagerly and is called in a loop (line %s); it has no Python side "
            "effects, so tf.function could run it as one graph; fix: %s"
        ),
        description=(
            "The 'convert eager function to hybrid' refactoring: an eager function doing tensor work, "
            "free of side effects and eager-only calls, called repeatedly (a train step). Off by "
            "default: whether the speed-up is worth tracing is the author's call."
        ),
        fix_safety="unsafe",
        default_enabled=False,
    ),
)

# deprecated tf.function argument -> its replacement (None: remove it)
DEPRECATED_ARGUMENTS: dict[str, str | None] = {
    "experimental_relax_shapes": "reduce_retracing",
    "experimental_compile": "jit_compile",
    "experimental_follow_type_hints": None,
}
EAGER_SWITCHES = frozenset(
    {"tensorflow.config.run_functions_eagerly", "tensorflow.config.experimental_run_functions_eagerly"}
)
_GUARD_WORDS = ("debug", "eager", "verbose", "test")


class DecoratorsChecker(HybridizeChecker):
    name = "hybridize-decorators"
    msgs = pylint_msgs(RULES)

    # -- opportunity: an eager train step called in a loop ---------------------------
    @only_required_for_messages("tf-function-opportunity", "input-signature-mismatch")
    @guarded
    def visit_module(self, node: nodes.Module) -> None:
        model = self.model(node)
        self._check_signature_bindings(model, node)
        if not self.linter.is_message_enabled("tf-function-opportunity"):
            return
        if not model.hybrids and not _imports_tensorflow(node):
            return
        candidates = _opportunities(model, node)
        for function, call in candidates.items():
            prefix, needs_import = fixes.tf_prefix(node)
            fix = fixes.Fix(
                f"decorate '{function.name}' with @{prefix}.function",
                fixes.add_decorator(function, f"@{prefix}.function"),
                safe=False,
                needs_tf_import=needs_import,
            )
            self.report(
                "tf-function-opportunity",
                function,
                args=(function.name, call.lineno, fix.description),
                confidence=INFERENCE,
                fix=fix,
            )

    def _check_signature_bindings(self, model, module: nodes.Module) -> None:
        """Arguments TF cannot bind to an input_signature: a Python object for a TensorSpec, or an
        extra keyword for a def with ``**kwargs``. A Python int/float/bool converts to a scalar spec
        (measured: 1 trace for 5 values) and is silent; a def taking ``**kwargs`` is an error only
        at a call that passes a keyword it does not name. One report per node, however many
        ``tf.function(...)`` wrappers share the def."""
        reported: set[nodes.NodeNG] = set()
        for hybrid in model.hybrids:
            if hybrid.function.root() is not module or not hybrid.has_input_signature:
                continue
            function = hybrid.function
            count = len(hybrid.signature or ())
            for site in model.sites_of(hybrid):
                for argument in site.call.args[:count]:
                    if argument not in reported and _python_object_argument(argument):
                        reported.add(argument)
                        self.report(
                            "input-signature-mismatch",
                            argument,
                            args=(hybrid.name, f"this call passes '{argument.as_string()}', a Python object",
                                  "pass tensors matching the TensorSpec, or drop the input_signature"),
                            confidence=HIGH,
                        )
                for keyword in extra_keywords(function, site.call):
                    if keyword in reported:
                        continue
                    reported.add(keyword)
                    self.report(
                        "input-signature-mismatch",
                        keyword,
                        args=(hybrid.name,
                              f"this call passes '{keyword.arg}=', which only its **{function.args.kwarg} takes "
                              "(an input_signature binds no extra keyword)",
                              f"pass {keyword.arg} as a named parameter covered by the signature, or drop the "
                              "input_signature"),
                        confidence=HIGH,
                    )

    # -- deprecated arguments --------------------------------------------------
    @only_required_for_messages("deprecated-tf-function-argument", "eager-execution-leftover")
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        if not isinstance(node.func, (nodes.Name, nodes.Attribute)):
            return
        qualified = names.qualified_name(node.func)
        if qualified == TF_FUNCTION:
            self._check_deprecated_arguments(node)
        elif qualified in EAGER_SWITCHES:
            if node.args and _is_true(node.args[0]) and not _debug_context(node):
                self.report(
                    "eager-execution-leftover",
                    node,
                    args=(f"{node.func.as_string()}(True)", "remove it (or guard it behind a debug flag)"),
                    confidence=HIGH,
                )
            elif node.args and _true_by_default(node.args[0]) and not _debug_context(node):
                name = node.args[0].name
                self.report(
                    "eager-execution-leftover",
                    node,
                    args=(f"{node.func.as_string()}({name}) with {name}=True by default",
                          f"make {name} default to False"),
                    confidence=INFERENCE,
                )
        elif isinstance(node.func, nodes.Attribute) and node.func.attrname == "compile":
            for keyword in node.keywords or ():
                if keyword.arg != "run_eagerly" or _debug_context(node):
                    continue
                if _is_true(keyword.value):
                    self.report(
                        "eager-execution-leftover",
                        keyword,
                        args=("compile(run_eagerly=True)", "remove run_eagerly=True (or guard it behind a debug flag)"),
                        confidence=INFERENCE,
                    )
                elif _true_by_default(keyword.value):
                    name = keyword.value.name
                    self.report(
                        "eager-execution-leftover",
                        keyword,
                        args=(f"compile(run_eagerly={name}) with {name}=True by default",
                              f"make {name} default to False"),
                        confidence=INFERENCE,
                    )

    def _check_deprecated_arguments(self, node: nodes.Call) -> None:
        for keyword in node.keywords or ():
            if keyword.arg not in DEPRECATED_ARGUMENTS:
                continue
            replacement = DEPRECATED_ARGUMENTS[keyword.arg]
            if replacement is None:
                fix = fixes.Fix(f"remove {keyword.arg}= (use input_signature or reduce_retracing instead)")
            elif any(other.arg == replacement for other in node.keywords):
                fix = fixes.Fix(f"remove {keyword.arg}= ({replacement}= is already given)")
            else:
                fix = fixes.Fix(
                    f"rename it to {replacement}=",
                    (
                        fixes.Edit(
                            keyword.lineno,
                            keyword.col_offset,
                            keyword.lineno,
                            keyword.col_offset + len(keyword.arg),
                            replacement,
                        ),
                    ),
                    safe=True,
                )
            self.report("deprecated-tf-function-argument", keyword, args=(keyword.arg, fix.description), confidence=HIGH, fix=fix)

    # -- redundant decorators ----------------------------------------------------
    @only_required_for_messages("redundant-tf-function", "barren-tf-function")
    @guarded
    def visit_functiondef(self, node: nodes.FunctionDef) -> None:
        model = self.model(node)
        hybrid = model.hybrid_of(node)
        if hybrid is not None and hybrid.via == "decorator" and not hybrid.is_wrapper and _barren(hybrid):
            decorator = hybrid.creation
            self.report(
                "barren-tf-function",
                node,
                args=(node.name, f"remove @{decorator.as_string()}"),
                confidence=HIGH,
                fix=_remove_decorator_fix(node, decorator),
            )
            return
        if hybrid is None or hybrid.via != "decorator" or hybrid.is_wrapper:
            return
        if is_test_file(node.root().file):
            return  # tests nest tf.functions on purpose, to test exactly that (corpus: 3 of 3 were)
        if set(hybrid.options) & _OPTIONS_THAT_MATTER_INLINE:
            return  # jit_compile / autograph / ... change what the function does even when called from traced code
        callers = _traced_callers(model, node, hybrid)
        if callers is not None:
            self._report_redundant(node, hybrid, callers)
            return
        if hybrid.options:
            return  # options (input_signature, reduce_retracing) may be the point of the decorator
        if isinstance(node.parent, nodes.ClassDef) or _may_be_called_from_outside(node):
            return
        sites = model.sites_of(hybrid)
        if not sites or _referenced_other_than_called(node, len(sites)):
            return
        callers = []
        for site in sites:
            trace = model.trace_info(site.call)
            if trace is None or trace.hybrid is hybrid or not _only_traced(model, owner(site.call)):
                return  # an eager caller (or recursion): the decorator matters
            callers.append(trace.hybrid.name)
        self._report_redundant(node, hybrid, "callers: " + ", ".join(sorted(set(callers))))

    def _report_redundant(self, node: nodes.FunctionDef, hybrid: HybridFunction, callers: str) -> None:
        decorator = hybrid.creation
        fix = _remove_decorator_fix(node, decorator)
        description = fix.description
        if hybrid.options:
            shown = ", ".join(sorted(hybrid.options))
            description += f"; its options ({shown}) only configure that second trace cache, which no caller uses"
            fix = fixes.Fix(description, fix.edits, fix.safe)
        self.report("redundant-tf-function", node, args=(node.name, callers, description), confidence=HIGH, fix=fix)


# tf.function options that change the function itself, also when a traced caller calls it
_OPTIONS_THAT_MATTER_INLINE = frozenset(
    {"jit_compile", "experimental_compile", "autograph", "experimental_autograph_options", "experimental_implements",
     "experimental_attributes", "func"}
)


def _traced_callers(model, node: nodes.FunctionDef, hybrid: HybridFunction) -> str | None:
    """Why every use of a decorated def is already traced, or None.

    - ``train_step``/``test_step``/``predict_step`` of a Keras model: ``fit``/``evaluate``/``predict`` trace it
      (``call`` is left alone: a direct ``model(x)`` on eager tensors runs it eagerly without the decorator);
    - a function used only as the function argument of tf.data transformations (``ds.map(f)``);
    - a private method (``_step``) whose every use in its class is a call from traced code, a callback
      of traced TF control flow (``tf.map_fn(self._step, ...)``) or a ``tf.function(self._step)`` wrapper.
    """
    context = model.context_of(node)
    if context is not None and context.kind == "keras-step":
        direct = [
            call for call in model.calls
            if isinstance(call.func, nodes.Attribute) and call.func.attrname == node.name
            and not (isinstance(call.func.expr, nodes.Call) and names.builtin_name(call.func.expr.func) == "super")
        ]  # fmt: skip
        return None if direct else f"{context.tracer} traces it"  # a custom loop calling it eagerly needs it
    if isinstance(node.parent, nodes.ClassDef):
        return _method_callers(model, node, hybrid)
    dataset_calls = {c.creation for c in model.contexts if c.function is node and c.kind == "dataset"}
    if not dataset_calls or _may_be_called_from_outside(node):
        return None
    scope = node.parent.scope() if node.parent is not None else node.root()
    for use in scope.nodes_of_class(nodes.Name):
        if use.name != node.name:
            continue
        if not any(isinstance(a, nodes.Call) and a in dataset_calls for a in use.node_ancestors()):
            return None
    tracers = sorted({c.tracer for c in model.contexts if c.function is node})
    return ", ".join(tracers) + " traces it"


def _only_traced(model, function: nodes.NodeNG | None, _depth: int = 0) -> bool:
    """``function`` runs only at trace time: a hybrid or context itself, or a private helper of this module
    whose every call here comes from such code (a traced helper that an eager function also calls is not)."""
    if function is None or _depth > 4:
        return False
    if model.hybrid_of(function) is not None:
        return True
    context = model.context_of(function)
    if context is not None:
        return context.kind != "keras-call"  # a direct call on eager tensors runs Layer.call eagerly
    if not isinstance(function, nodes.FunctionDef):
        return False
    if isinstance(function.parent, nodes.ClassDef):
        if not function.name.startswith("_") or function.name.startswith("__"):
            return False
    elif _may_be_called_from_outside(function):
        return False
    sites = [call for call in model.calls if resolve_callee(call.func) is function]
    if isinstance(function.parent, nodes.ClassDef):
        uses = [a for a in function.root().nodes_of_class(nodes.Attribute) if a.attrname == function.name]
        if not sites or len(uses) != len(sites):
            return False
    elif not sites or _referenced_other_than_called(function, len(sites)):
        return False
    return all(
        model.trace_info(call) is not None and _only_traced(model, owner(call), _depth + 1) for call in sites
    )


def _method_callers(model, node: nodes.FunctionDef, hybrid: HybridFunction) -> str | None:
    name = node.name
    if not name.startswith("_") or name.startswith("__"):
        return None  # a public method may be called eagerly from anywhere
    cls = node.parent
    uses = [
        a for a in node.root().nodes_of_class((nodes.Attribute, nodes.AssignAttr, nodes.DelAttr)) if a.attrname == name
    ]
    if not uses:
        return None
    callers: set[str] = set()
    for use in uses:
        if not isinstance(use, nodes.Attribute) or not is_self_reference(use.expr) or enclosing_class(use) is not cls:
            return None  # used from outside the class, or reassigned: unknown callers
        parent = use.parent
        if isinstance(parent, nodes.Call) and parent.func is use:
            trace = model.trace_info(parent)
            if trace is None or trace.hybrid is hybrid or not _only_traced(model, owner(parent)):
                return None  # an eager caller (or recursion)
            callers.add(trace.hybrid.name)
            continue
        call = parent.parent if isinstance(parent, nodes.Keyword) else parent
        if not isinstance(call, nodes.Call):
            return None
        wrapped = isinstance(call.func, (nodes.Name, nodes.Attribute)) and names.qualified_name(call.func) == TF_FUNCTION
        if wrapped and call.args and call.args[0] is use:
            callers.add(f"tf.function({use.as_string()})")
            continue
        if node in traced_arguments(call):
            trace = model.trace_info(call)
            if trace is None or trace.hybrid is hybrid or not _only_traced(model, owner(call)):
                return None
            callers.add(f"{trace.hybrid.name} (callback of {call.func.as_string()})")
            continue
        return None
    return "callers: " + ", ".join(sorted(callers)) if callers else None


_IMPURE_BUILTINS = frozenset({"print", "open", "input", "exec", "eval", "breakpoint", "next", "setattr", "delattr"})
_MUTATORS = frozenset({"append", "extend", "insert", "pop", "update", "add", "remove", "clear", "setdefault", "numpy", "item", "tolist"})


def _imports_tensorflow(module: nodes.Module) -> bool:
    return any(
        isinstance(a, (nodes.Import, nodes.ImportFrom)) and "tensorflow" in a.as_string()
        for assignments in module.locals.values()
        for a in assignments
    )


def _opportunities(model, module: nodes.Module) -> dict[nodes.FunctionDef, nodes.Call]:
    """Eager functions worth a tf.function, each with the first call that repeats it in a loop.

    A candidate is called in a loop, is not traced already, does substantial tensor work (a model
    call or a GradientTape), has nothing that behaves differently
    as a graph, is not a closure inside a method, and no call of it passes a value that would
    retrace it (a varying Python number, a new object, a shape that depends on a Python counter).
    When one candidate calls another, only the caller is reported: one graph for both.
    """
    if is_test_file(module.file):
        return {}  # tests run code eagerly on purpose
    # resolve only calls in loops, then only the calls that name a function so found: resolving
    # every call would load every imported project module
    first_loop_call: dict[nodes.FunctionDef, nodes.Call] = {}
    for call in model.calls:
        if call.root() is not module or enclosing_loop(call) is None or _in_construction(call):
            continue
        function = resolve_function_reference(call.func)
        if isinstance(function, nodes.FunctionDef) and function.root() is module:
            first_loop_call.setdefault(function, call)
    wanted = {function.name for function in first_loop_call}
    calls_of: dict[nodes.FunctionDef, list[nodes.Call]] = {}
    for call in model.calls:
        func = call.func
        called = func.name if isinstance(func, nodes.Name) else func.attrname if isinstance(func, nodes.Attribute) else None
        if called not in wanted or call.root() is not module:
            continue
        function = resolve_function_reference(func)
        if function in first_loop_call:
            calls_of.setdefault(function, []).append(call)
    candidates: dict[nodes.FunctionDef, nodes.Call] = {}
    for function, call in first_loop_call.items():
        if (
            model.hybrid_of(function) is not None
            or function in model.traced
            or _nested_in_method(function)
            or not _substantial(function)
            or not _pure_tensor_function(function)
            or _takes_python_numbers(function)
            or any(_retracing_argument(argument) for site in calls_of[function] for argument in _arguments(site))
            or any(_per_element_argument(site) for site in calls_of[function])
            or any(_new_object_per_iteration(argument, site) for site in calls_of[function] for argument in _arguments(site))
            or _caller_is_tensor_code(call, function)
        ):
            continue
        candidates[function] = call
    called_by_candidate = {
        callee for caller in candidates for callee in _reachable(caller) if callee is not caller
    }
    return {f: c for f, c in candidates.items() if f not in called_by_candidate}


# the name of a network object: model, q_net, self._encoder, target_actor (not layers, _flatten_layers)
_MODEL_NAME = re.compile(
    r"(^|_)(model|net|network|layer|encoder|decoder|actor|critic|policy|generator|discriminator|backbone)$"
)
# TF APIs that make a body unfit for tf.function: TF1 graph-mode APIs, summaries keyed by Python
# strings, I/O and configuration, dataset building, object creation.
_HOSTILE_PREFIXES = (
    "tensorflow.summary.", "tensorflow.logging.", "tensorflow.config.", "tensorflow.io.gfile.",
    "tensorflow.saved_model.", "tensorflow.data.", "tensorflow.train.", "tensorflow.distribute.",
    "tensorflow.test.", "tensorflow.estimator.", "tensorflow.lite.", "tensorflow.experimental.",
    "tensorflow.contrib.", "tensorflow.layers.", "tensorflow.losses.", "tensorflow.metrics.",
    "tensorflow.user_ops.", "tensorflow.sets.", "tensorflow.debugging.experimental.",
)
_HOSTILE_FUNCTIONS = frozenset(
    {
        "tensorflow.Variable", "tensorflow.get_variable", "tensorflow.placeholder", "tensorflow.Session",
        "tensorflow.InteractiveSession", "tensorflow.get_default_graph", "tensorflow.Graph",
        "tensorflow.variable_scope", "tensorflow.get_collection", "tensorflow.add_to_collection",
        "tensorflow.global_variables_initializer", "tensorflow.py_func", "tensorflow.executing_eagerly",
        "tensorflow.init_scope", "tensorflow.function", "tensorflow.get_static_value",
        "tensorflow.make_ndarray", "tensorflow.make_tensor_proto", "tensorflow.print",
        "tensorflow.numpy_function", "tensorflow.py_function", "tensorflow.Module",
    }
)


def _arguments(call: nodes.Call) -> list[nodes.NodeNG]:
    return [*call.args, *(k.value for k in call.keywords or ())]


def _retracing_argument(argument: nodes.NodeNG) -> bool:
    """A value that would give a new trace on (almost) every call: a Python number that varies, a new
    Python object, a list of varying numbers, or a shape computed from a varying Python number."""
    if isinstance(argument, nodes.Starred):
        argument = argument.value
    if isinstance(argument, nodes.Const):
        return False
    kind = value_kind(argument)
    if kind is Kind.SCALAR:
        return True
    if kind is Kind.OBJECT and isinstance(argument, nodes.Call):
        return True  # a new instance per call
    names_in = [argument] if isinstance(argument, nodes.Name) else list(argument.nodes_of_class(nodes.Name))
    return any(_varying_python_number(name) for name in names_in)


_PYTHON_NUMBER_TYPES = frozenset({"int", "float", "bool", "str"})


_CONSTRUCTION = re.compile(r"^_*(__init__|init|build|setup|set_up|create|make|construct)")


def _in_construction(call: nodes.Call) -> bool:
    """In ``__init__``/``build``/``create_*``/``make_*``: a loop that builds an object runs once per
    object, and often on symbolic Keras inputs: not a hot loop."""
    function = owner(call)
    return isinstance(function, nodes.FunctionDef) and bool(_CONSTRUCTION.match(function.name))


def _caller_is_tensor_code(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    """The loop sits in a function that computes with TF ops itself (an augmentation loop, a loss
    per level, a layer's ``call``): that function, not its helper, is the unit a graph would hold, or
    it is traced already (tf.data, Keras). Driver loops (``for x, y in dataset: train_step(x, y)``)
    do no TF ops of their own."""
    caller = owner(call)
    if not isinstance(caller, nodes.FunctionDef):
        return False
    ops = 0
    for other in caller.nodes_of_class(nodes.Call):
        func = other.func
        qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
        if qualified is not None and tf_call_kind(qualified) is Kind.TENSOR and not _inside_call_of(other, function):
            ops += 1
    return ops >= 2


def _inside_call_of(node: nodes.NodeNG, function: nodes.FunctionDef) -> bool:
    """``node`` is an argument (or part of one) of a call of ``function``: ``step(x, tf.constant(lr))``."""
    parent = node.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.ClassDef, nodes.Module)):
        if isinstance(parent, nodes.Call):
            func = parent.func
            called = func.name if isinstance(func, nodes.Name) else func.attrname if isinstance(func, nodes.Attribute) else None
            if called == function.name:
                return True
        parent = parent.parent
    return False


def _new_object_per_iteration(argument: nodes.NodeNG, call: nodes.Call) -> bool:
    """A name bound, in the loop around the call, to a new Python object or tf.Variable
    (``image_var = [tf.Variable(image)]``): a new object per call, a new trace (or, for variables an
    optimizer updates, slots created on a later trace)."""
    loop = enclosing_loop(call)
    binding = names.sole_binding(argument)
    statement = binding.parent if binding is not None else None
    if loop is None or not isinstance(statement, nodes.Assign) or enclosing_loop(statement) is not loop:
        return False
    value = statement.value
    if isinstance(value, (nodes.List, nodes.Tuple)):
        return any(value_kind(e) in (Kind.OBJECT, Kind.VARIABLE) and isinstance(e, nodes.Call) for e in value.elts)
    return isinstance(value, nodes.Call) and value_kind(value) in (Kind.OBJECT, Kind.VARIABLE)


def _takes_python_numbers(function: nodes.FunctionDef) -> bool:
    """A parameter annotated as a Python number or string (``int``, ``Union[int, tf.Tensor]``): the
    author expects Python values, each distinct one a new trace."""
    for annotation in [*(function.args.annotations or []), *(function.args.kwonlyargs_annotations or [])]:
        if annotation is None:
            continue
        for name in [annotation, *annotation.nodes_of_class(nodes.Name)]:
            if isinstance(name, nodes.Name) and name.name in _PYTHON_NUMBER_TYPES:
                return True
    return False


def _per_element_argument(call: nodes.Call) -> bool:
    """The call sits in a loop over a Python collection (``for level in outputs.keys()``, ``zip(...)``,
    a list) and passes the element or something indexed by it: one value, or shape, per element."""
    targets: set[str] = set()
    child, parent = call, call.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.ClassDef, nodes.Module)):
        loop_iter = None
        if isinstance(parent, nodes.For) and child in parent.body:
            loop_iter, target = parent.iter, parent.target
        elif isinstance(parent, (nodes.ListComp, nodes.SetComp, nodes.DictComp, nodes.GeneratorExp)):
            for generator in parent.generators:
                if _python_collection(generator.iter):
                    targets |= {n.name for n in generator.target.nodes_of_class(nodes.AssignName)}
        if loop_iter is not None and _python_collection(loop_iter):
            targets |= {n.name for n in target.nodes_of_class(nodes.AssignName)}
        child, parent = parent, parent.parent
    if not targets:
        return False
    return any(
        name.name in targets
        for argument in _arguments(call)
        for name in ([argument] if isinstance(argument, nodes.Name) else argument.nodes_of_class(nodes.Name))
    )


def _python_collection(iterable: nodes.NodeNG, follow: bool = True) -> bool:
    if follow and isinstance(iterable, nodes.Name):
        binding = names.sole_binding(iterable)  # levels = sorted(outputs.keys()); for level in levels
        statement = binding.parent if binding is not None else None
        return isinstance(statement, nodes.Assign) and _python_collection(statement.value, follow=False)
    if isinstance(iterable, (nodes.List, nodes.Tuple, nodes.Set, nodes.Dict, nodes.ListComp)):
        return True
    if isinstance(iterable, nodes.Call):
        if names.builtin_name(iterable.func) in ("sorted", "zip", "enumerate", "range", "reversed", "list", "tuple"):
            return True
        return isinstance(iterable.func, nodes.Attribute) and iterable.func.attrname in ("items", "keys", "values")
    return False


def _varying_python_number(name: nodes.Name) -> bool:
    """A Python number that is not a constant: a loop counter, or computed from one."""
    if value_kind(name) is not Kind.SCALAR:
        return False
    binding = names.sole_binding(name)
    if binding is None:
        return True  # several bindings of a Python number: it changes
    statement = binding.parent
    return not (isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Const))


def _nested_in_method(function: nodes.FunctionDef) -> bool:
    parent = function.parent
    while parent is not None and not isinstance(parent, nodes.Module):
        if isinstance(parent, nodes.FunctionDef) and isinstance(parent.parent, nodes.ClassDef):
            return True
        parent = parent.parent
    return False


def _substantial(function: nodes.FunctionDef) -> bool:
    """A model call or a GradientTape: a step that tracing pays off for."""
    parameters = {a.name for a in function.args.arguments or []}
    for call in function.nodes_of_class(nodes.Call):
        func = call.func
        qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
        if qualified == "tensorflow.GradientTape":
            return True
        if qualified is not None:
            continue
        # a model (or layer) called like a function: model(x), self.encoder(x), agent.policy(x)
        called = func.name if isinstance(func, nodes.Name) else func.attrname if isinstance(func, nodes.Attribute) else ""
        # (a parameter, an attribute, or a name bound to a new Keras model: model = keras.Sequential(...))
        is_object = (isinstance(func, nodes.Name) and (called in parameters or _keras_model_name(func))) or (
            isinstance(func, nodes.Attribute) and resolve_function_reference(func) is None
        )
        if is_object and call.args and _MODEL_NAME.search(called.lower()):
            return True
    return False  # TF ops alone: measured 0 true of the ~260 such findings on both corpora (docs/precision.md)


def _keras_model_name(name: nodes.Name) -> bool:
    binding = names.sole_binding(name)
    statement = binding.parent if binding is not None else None
    if not (isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Call)):
        return False
    func = statement.value.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    return names.is_keras(qualified) and (qualified.rsplit(".", 1)[-1][:1].isupper() or qualified.endswith("load_model"))


def _reachable(function: nodes.FunctionDef, limit: int = 50) -> set[nodes.NodeNG]:
    """Functions of the project that ``function`` calls, transitively (bounded)."""
    seen: set[nodes.NodeNG] = set()
    stack = [function]
    while stack and len(seen) < limit:
        current = stack.pop()
        for call in current.nodes_of_class(nodes.Call):
            callee = resolve_function_reference(call.func)  # this module's functions: no import
            if isinstance(callee, nodes.FunctionDef) and callee not in seen:
                seen.add(callee)
                stack.append(callee)
    return seen


def _pure_tensor_function(function: nodes.FunctionDef) -> bool:
    """Tensor work, and nothing that would behave differently as a graph (conservative)."""
    if function.is_generator() or isinstance(function, nodes.AsyncFunctionDef) or function.name.startswith("test"):
        return False
    return _graph_safe(function) and (_tensor_ops(function) > 0 or _substantial(function)) and all(
        _graph_safe(helper) for helper in _reachable(function) if helper is not function
    )


def _tensor_ops(function: nodes.FunctionDef) -> int:
    count = 0
    for call in function.nodes_of_class(nodes.Call):
        func = call.func
        qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
        if qualified is not None and tf_call_kind(qualified) is Kind.TENSOR:
            count += 1
    return count


def _graph_safe(function: nodes.FunctionDef) -> bool:
    """Nothing in the body that would behave differently as a graph (conservative)."""
    if function.is_generator() or isinstance(function, nodes.AsyncFunctionDef):
        return False
    parameters = {a.name for a in function.args.arguments or []}
    for call in function.nodes_of_class(nodes.Call):
        func = call.func
        if isinstance(func, nodes.Name) and func.name in parameters and not _MODEL_NAME.search(func.name.lower()):
            return False  # a callable passed in (cost, metric_fn) may run any Python, NumPy included
    for node in function.nodes_of_class(nodes.NodeNG):
        if isinstance(node, (nodes.Global, nodes.Nonlocal, nodes.Try, nodes.Yield, nodes.YieldFrom, nodes.Assert,
                             nodes.Delete, nodes.Raise)):
            return False
        if isinstance(node, (nodes.AssignAttr, nodes.Subscript)) and isinstance(node.parent, (nodes.Assign, nodes.AugAssign)) \
                and node in getattr(node.parent, "targets", [getattr(node.parent, "target", None)]):
            return False
        if isinstance(node, FUNCTION_TYPES) and node is not function:
            return False
        if not isinstance(node, nodes.Call):
            continue
        func = node.func
        if isinstance(func, nodes.Name) and func.name in _IMPURE_BUILTINS:
            return False
        if isinstance(func, nodes.Attribute) and func.attrname in _MUTATORS:
            return False
        qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
        if "compat.v1" in func.as_string():
            return False  # TF1 graph-mode APIs
        if qualified is not None:
            root = qualified.split(".", 1)[0]
            if root not in ("tensorflow", "keras"):
                return False  # numpy, random, time, logging...: eager-only or frozen at trace time
            last = qualified.rsplit(".", 1)[-1]
            if qualified in _HOSTILE_FUNCTIONS or qualified.startswith(_HOSTILE_PREFIXES) or (
                root == "keras" and last[:1].isupper()
            ):
                return False  # variables, Keras objects, summaries, TF1 graph APIs, I/O: not for a graph
        elif isinstance(func, nodes.Name) and resolve_callee(func) is function:
            return False  # recursion
    return True


def _remove_decorator_fix(node: nodes.FunctionDef, decorator: nodes.NodeNG) -> fixes.Fix:
    """Delete ``@<decorator>\n`` and the next line's indentation (the def or the next decorator)."""
    description = f"remove @{decorator.as_string()} from '{node.name}'"
    if decorator.lineno != decorator.end_lineno:
        return fixes.Fix(description)
    return fixes.Fix(description, fixes.remove_decorator(decorator), safe=False)


_INERT_BUILTINS = frozenset(
    {"len", "range", "int", "float", "str", "bool", "isinstance", "enumerate", "zip", "list", "dict", "tuple",
     "min", "max", "sum", "abs", "round", "sorted", "set", "repr", "format"}
)


def _barren(hybrid: HybridFunction) -> bool:
    """No arguments, no input_signature, and a body that cannot touch a tensor (conservative).

    Any argument may be a tensor, so only argument-less hybrids qualify; any attribute access
    (``self.v`` may be a variable), any name that is not a local or a literal constant, and any
    call but a few inert builtins count as possible tensor work.
    """
    function = hybrid.function
    if hybrid.has_input_signature or not isinstance(function, nodes.FunctionDef) or function.is_generator():
        return False
    parameters = {a.name for a in function.args.arguments} if function.args.arguments else set()
    if parameters - {"self", "cls"} or function.args.vararg or function.args.kwarg:
        return False  # any argument may be a tensor (even one merely returned): stay silent
    body_nodes = [n for statement in function.body for n in statement.nodes_of_class(nodes.NodeNG)]
    if not body_nodes:
        return False
    for node in body_nodes:
        if isinstance(node, (nodes.Attribute, nodes.Lambda, nodes.FunctionDef, nodes.Global, nodes.Nonlocal,
                             nodes.Await, nodes.Yield, nodes.Starred, nodes.AssignAttr, nodes.Subscript)):
            return False
        if isinstance(node, nodes.Call):
            if not (isinstance(node.func, nodes.Name) and names.builtin_name(node.func) in _INERT_BUILTINS):
                return False
        elif isinstance(node, nodes.Name):
            if node.name in parameters:
                if not isinstance(node.parent, nodes.Return):
                    return False  # a parameter used in an operation: may be tensor work
            elif not _local_or_constant(node):
                return False
    return True


def _local_or_constant(name: nodes.Name) -> bool:
    if names.builtin_name(name) is not None:
        return True
    try:
        scope, assignments = name.lookup(name.name)
    except Exception:  # pylint: disable=broad-except
        return False
    if not assignments:
        return False
    if isinstance(scope, (nodes.FunctionDef, nodes.ListComp, nodes.SetComp, nodes.DictComp, nodes.GeneratorExp)):
        return True  # a local of the function or of a comprehension in it (its uses are checked too)
    for assignment in assignments:
        statement = assignment.parent
        if not (isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Const)):
            return False
    return True


def _python_object_argument(argument: nodes.NodeNG) -> bool:
    """A dict/set literal or a new instance of a project class: nothing a TensorSpec accepts."""
    if isinstance(argument, (nodes.Dict, nodes.Set, nodes.DictComp, nodes.SetComp)):
        return True
    if isinstance(argument, nodes.Call):
        from pylint_hybridize.model.hybrids import resolve_local_class  # pylint: disable=import-outside-toplevel

        cls = resolve_local_class(argument.func)
        # a class of this module: builtins (float(epoch), int(n), bool(flag)) convert to a TensorSpec
        return cls is not None and cls.root() is argument.root() and not any(
            names.qualified_name(b) in ("tensorflow.experimental.ExtensionType", "typing.NamedTuple")
            for b in cls.bases if isinstance(b, (nodes.Name, nodes.Attribute))
        )
    return False


def _is_true(node: nodes.NodeNG) -> bool:
    return isinstance(node, nodes.Const) and node.value is True


def _true_by_default(node: nodes.NodeNG) -> bool:
    """A parameter of the enclosing function, never reassigned there, whose default is ``True``:
    every caller that does not think of it runs eagerly."""
    binding = names.sole_binding(node)
    if binding is None or not isinstance(binding.parent, nodes.Arguments):
        return False
    try:
        default = binding.parent.default_value(binding.name)
    except Exception:  # pylint: disable=broad-except  # no default
        return False
    return _is_true(default)


def is_test_file(path: str | None) -> bool:
    """Test files by pytest's and Google's naming conventions."""
    base = os.path.basename(path or "")
    return base.startswith("test_") or base.endswith(("_test.py", "_tests.py")) or base == "conftest.py"


def _debug_context(node: nodes.NodeNG) -> bool:
    """In a test file, under an ``if`` that mentions debug/eager/..., or in a debug/test function."""
    module = node.root()
    if is_test_file(module.file) or "test" in os.path.basename(module.file or "") or _imports_test_framework(module):
        return True  # tests and test utilities (testing_utils.py, a module importing pytest)
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.If) and any(w in parent.test.as_string().lower() for w in _GUARD_WORDS):
            return True
        if isinstance(parent, nodes.FunctionDef) and any(w in parent.name.lower() for w in _GUARD_WORDS):
            return True
        parent = parent.parent
    return False


def _imports_test_framework(module: nodes.Module) -> bool:
    for assignments in module.locals.values():
        for assignment in assignments:
            if isinstance(assignment, nodes.Import) and any(n.split(".")[0] in ("pytest", "unittest") for n, _ in assignment.names):
                return True
            if isinstance(assignment, nodes.ImportFrom) and (assignment.modname or "").split(".")[0] in ("pytest", "unittest"):
                return True
    return False


def _may_be_called_from_outside(function: nodes.FunctionDef) -> bool:
    """A public module-level function (in ``__all__`` or not private) may have callers elsewhere."""
    if not isinstance(function.parent, nodes.Module):
        return False  # nested: only this module sees it
    module = function.parent
    exported = _all_names(module)
    if exported is not None:
        return function.name in exported
    return not function.name.startswith("_")


def _all_names(module: nodes.Module) -> set[str] | None:
    for assignment in module.locals.get("__all__", ()):
        statement = assignment.parent
        if isinstance(statement, nodes.Assign) and isinstance(statement.value, (nodes.List, nodes.Tuple)):
            return {e.value for e in statement.value.elts if isinstance(e, nodes.Const) and isinstance(e.value, str)}
        return set()  # built some other way: treat as unknown, everything may be exported
    return None


def _referenced_other_than_called(function: nodes.FunctionDef, calls: int) -> bool:
    """Any use of the name besides the known calls (passed around, returned, stored)."""
    scope = function.parent.scope() if function.parent is not None else function.root()
    uses = [n for n in scope.nodes_of_class(nodes.Name) if n.name == function.name]
    return len(uses) != calls


def register(linter: PyLinter) -> None:
    linter.register_checker(DecoratorsChecker(linter))
