"""Execution-mode incompatibility: eager-only code in traced (graph) code.

Inside a ``tf.function`` tensors are symbolic: they have no value until the
graph runs. Code that needs a value at trace time (``.numpy()``, NumPy
functions, ``bool()``, ``assert``), Python control flow that autograph does not
convert (``autograph=False``), recursion, generators, ``try``/``except`` around
ops, and long Python ``range`` loops (unrolled into the graph) either fail or
build something other than what the author meant.

Precision: a value counts as a tensor only when the code shows it (a TF op
result, ``tf.constant``, arithmetic on tensors, a parameter of a hybrid with an
``input_signature``, a call site passing a tensor...; see ``model.values``). ``.numpy()`` is the exception:
Python objects rarely have a ``.numpy()`` method, so any zero-argument
``.numpy()`` call in traced code is reported, unless the function guards it
with an eager-mode check (``tf.executing_eagerly()``, ``EagerTensor``,
``hasattr(x, "numpy")``) or a ``try``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages
from pylint.interfaces import HIGH, INFERENCE

from pylint_hybridize import fixes
from pylint_hybridize.checkers import _unconverted as unconverted
from pylint_hybridize.checkers.base import HybridizeChecker, confidence_for, describe, guarded, kind_confidence
from pylint_hybridize.model import (
    Basis,
    Kind,
    constructor_python_arguments,
    training_python_argument,
    HybridFunction,
    TraceInfo,
    catalogue,
    creates_tf_ops,
    discarded_dataset_call,
    display_name,
    eager_or_caught,
    endless_recursion,
    first_yield,
    has_tensor_op,
    names,
    owner,
    range_count,
    runtime_error_names,
    under_call_option,
)
from pylint_hybridize.rules import Rule, pylint_msgs

if TYPE_CHECKING:
    from pylint.lint import PyLinter


RULES = (
    Rule(
        "E9401",
        "tensor-numpy-in-graph",
        template=(
            "%s needs an eager tensor but runs while %s, where tensors are symbolic "
            "(AttributeError: 'SymbolicTensor' object has no attribute '%s'); fix: %s"
        ),
        description=(
            "Inside a tf.function tensors are symbolic graph tensors: they have no "
            "value while the function is traced, and no .numpy() method. Use TF ops "
            "on the tensor, wrap the NumPy code in tf.numpy_function, or remove "
            "@tf.function."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "E9402",
        "numpy-on-tensor",
        template=(
            "%s() cannot convert the symbolic tensor %s while %s (NotImplementedError: "
            "Cannot convert a symbolic tf.Tensor to a numpy array); fix: %s"
        ),
        description=(
            "NumPy functions need concrete values; in a tf.function a tensor is a "
            "symbolic graph tensor, and converting it to an array fails. Use the TF op "
            "that does the same (np.mean -> tf.reduce_mean, ...), or tf.numpy_function."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "E9403",
        "tensor-bool-in-graph",
        template=(
            "bool() of a symbolic tensor raises OperatorNotAllowedInGraphError while %s, "
            "even with autograph; fix: %s"
        ),
        description=(
            "A graph tensor has no truth value at trace time. autograph converts "
            "'if t:' and 'while t:', but not an explicit bool(t)."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "E9404",
        "assert-on-tensor",
        template=(
            "assert on a tensor condition raises OperatorNotAllowedInGraphError while %s, "
            "even when the condition holds; fix: %s"
        ),
        description=(
            "autograph does not convert Python assert statements by default, so "
            "'assert <tensor condition>' asks for the truth value of a symbolic "
            "tensor while tracing and fails. tf.debugging.assert_* ops check the "
            "condition every time the graph runs."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "E9405",
        "tensor-python-control-flow",
        template=(
            "%s on a tensor fails while %s: %s "
            "(OperatorNotAllowedInGraphError/TypeError); fix: %s"
        ),
        description=(
            "Where autograph does not convert traced code (autograph=False; Keras 3's Layer.call "
            "and every Keras train_step/test_step/predict_step), Python if/while/for, and/or/not, "
            "conditional expressions and int()/float()/len()/range() on tensors run while tracing, "
            "when tensors have no value. Comprehensions over tensors fail in converted code too. "
            "Where autograph converts the code (a tf.function, a Dataset.map function, tf_keras's "
            "Layer.call) no message is given."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "E9406",
        "recursion-in-graph",
        template=(
            "'%s' calls itself %s while %s: tracing recursion never ends on tensor arguments "
            "(RecursionError) and traces once per value on Python ones; fix: %s"
        ),
        description=(
            "Tracing runs the Python body: a recursive call with a tensor argument "
            "cannot reach a Python base case, so tracing recurses until RecursionError. "
            "With Python arguments every distinct value is a new trace."
        ),
        fix_safety="none",
    ),
    Rule(
        "E9407",
        "generator-hybrid",
        template=(
            "'%s' is a generator: tf.function cannot return a generator "
            "(TypeError: ... found return value of type generator); fix: %s"
        ),
        description=(
            "A function containing yield returns a generator object, which is not a "
            "tensor: tracing it fails."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9408",
        "graph-error-not-caught",
        template=(
            "except %s cannot catch errors of graph ops while %s: op errors are raised "
            "when the graph runs, outside this try; fix: %s"
        ),
        description=(
            "Inside a tf.function, the try block only builds ops; their runtime errors "
            "(tf.errors.*) are raised by the call of the tf.function, not inside the "
            "try, so the except branch never runs."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9409",
        "python-range-unrolled",
        template=(
            "Python range(%s) loop with TF ops is unrolled into the graph while %s "
            "(%s copies of the body: slow tracing, big graph); fix: %s"
        ),
        description=(
            "autograph converts loops over tensors only: a Python range with a Python "
            "int bound runs while tracing and copies the body's ops once per "
            "iteration. tf.range makes one graph loop."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "W9411",
        "discarded-dataset-transformation",
        template="%s returns a new dataset and this statement drops it: '%s' is unchanged; fix: %s",
        description=(
            "Dataset transformations (map, filter, batch, shuffle, ...) do not change the dataset "
            "they are called on: they return a new one. Called as a statement of its own, the "
            "result is dropped and the pipeline runs without that step."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "E9410",
        "keras-argument-needs-python",
        template=(
            "%s: Keras uses '%s' as a Python value, but it gets the %s %s (%s, measured under %s); fix: %s"
        ),
        description=(
            "Keras evaluates some arguments in Python: a Dropout/GaussianNoise rate or stddev and the "
            "other numeric hyperparameters its constructor or call tests with if, and, under Keras 3, the "
            "training flag of BatchNormalization and the dropout layers. A tensor or tf.Variable there "
            "raises when the layer runs in traced code (fit, a tf.function). Which arguments, per class, "
            "is measured (model/catalogue/keras_classes.py, keras_training.py)."
        ),
        fix_safety="none",
    ),
)

# -- measured thresholds ------------------------------------------------------
RANGE_UNROLL_THRESHOLD = 1000
"""``for i in range(N)`` with N >= this (and TF ops in the body) is reported.

Measured on TF 2.21, 2 CPU cores (docs/messages/python-range-unrolled/details.md), body
``x = x * 0.5 + 1.0``: the unrolled graph has 4N+2 ops; tracing takes 0.06 s at N=100,
0.3 s at 500, 0.8 s at 1000, 1.5 s at 2000, 3.1 s at 5000 (``tf.range``: 18 ops, 0.01-0.03 s
for every N). Per call the unrolled graph is *faster* (N=1000: 0.49 ms vs 3.5 ms), so
below ~1 s of tracing unrolling is a fair trade and we stay silent.
"""

# assert 0 < x -> x > 0 (the comparison read from the other side, for catalogue.ASSERT_AGAINST_ZERO)
_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}


def _source(node: nodes.NodeNG) -> str:
    try:
        return node.as_string()
    except Exception:  # pylint: disable=broad-except
        return "..."


class ExecutionModeChecker(HybridizeChecker):
    name = "hybridize-execution-mode"
    msgs = pylint_msgs(RULES)

    # -- dispatch -------------------------------------------------------------------
    @only_required_for_messages(
        "tensor-numpy-in-graph",
        "numpy-on-tensor",
        "tensor-bool-in-graph",
        "tensor-python-control-flow",
        "recursion-in-graph",
        "keras-argument-needs-python",
    )
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        self.keras_argument_needs_python(node)
        trace = self.trace_info(node)
        if trace is None:
            return
        self.tensor_numpy_in_graph(node, trace)
        self.numpy_on_tensor(node, trace)
        self.tensor_bool_in_graph(node, trace)
        self.tensor_python_control_flow(node, trace)
        self.recursion_in_graph(node, trace)

    @only_required_for_messages("discarded-dataset-transformation")
    @guarded
    def visit_expr(self, node: nodes.Expr) -> None:
        self.discarded_dataset_transformation(node)

    @only_required_for_messages("assert-on-tensor")
    @guarded
    def visit_assert(self, node: nodes.Assert) -> None:
        trace = self.trace_info(node)
        if trace is not None:
            self.assert_on_tensor(node, trace)

    @only_required_for_messages("tensor-python-control-flow")
    @guarded
    def visit_if(self, node: nodes.If) -> None:
        trace = self.trace_info(node)
        if trace is not None:
            self.tensor_python_control_flow(node, trace)

    @only_required_for_messages("tensor-python-control-flow")
    @guarded
    def visit_while(self, node: nodes.While) -> None:
        trace = self.trace_info(node)
        if trace is not None:
            self.tensor_python_control_flow(node, trace)

    @only_required_for_messages("tensor-python-control-flow", "python-range-unrolled")
    @guarded
    def visit_for(self, node: nodes.For) -> None:
        trace = self.trace_info(node)
        if trace is not None:
            self.tensor_python_control_flow(node, trace)
            self.python_range_unrolled(node, trace)

    @only_required_for_messages("tensor-python-control-flow")
    @guarded
    def visit_ifexp(self, node: nodes.IfExp) -> None:
        self._tensor_python_control_flow_at(node)

    @only_required_for_messages("tensor-python-control-flow")
    @guarded
    def visit_boolop(self, node: nodes.BoolOp) -> None:
        self._tensor_python_control_flow_at(node)

    @only_required_for_messages("tensor-python-control-flow")
    @guarded
    def visit_unaryop(self, node: nodes.UnaryOp) -> None:
        if node.op == "not":
            self._tensor_python_control_flow_at(node)

    @only_required_for_messages("tensor-python-control-flow")
    @guarded
    def visit_comprehension(self, node: nodes.Comprehension) -> None:
        self._tensor_python_control_flow_at(node)

    def _tensor_python_control_flow_at(self, node: nodes.NodeNG) -> None:
        trace = self.trace_info(node)
        if trace is not None:
            self.tensor_python_control_flow(node, trace)

    @only_required_for_messages("generator-hybrid")
    @guarded
    def visit_functiondef(self, node: nodes.FunctionDef) -> None:
        self.generator_hybrid(node)

    @only_required_for_messages("graph-error-not-caught")
    @guarded
    def visit_try(self, node: nodes.Try) -> None:
        trace = self.trace_info(node)
        if trace is not None:
            self.graph_error_not_caught(node, trace)

    # -- tensor-numpy-in-graph: x.numpy(), tf.make_ndarray(t) ---------------------------
    def tensor_numpy_in_graph(self, node: nodes.Call, trace: TraceInfo) -> None:
        func = node.func
        if isinstance(func, nodes.Attribute) and func.attrname == "numpy" and not node.args and not node.keywords:
            self._tensor_numpy_in_graph_method(node, func, trace)
        elif isinstance(func, (nodes.Name, nodes.Attribute)) and names.builtin_name(func) is None:
            if names.qualified_name(func) == "tensorflow.make_ndarray":
                self._tensor_numpy_in_graph_make_ndarray(node, trace)

    def _tensor_numpy_in_graph_method(self, node: nodes.Call, func: nodes.Attribute, trace: TraceInfo) -> None:
        if names.qualified_name(func) is not None:
            return  # a module's function called numpy, not a method
        if isinstance(func.expr, nodes.Name) and func.expr.name in ("self", "cls"):
            return
        model = self.model(node)
        if eager_or_caught(node, model) or (trace.in_layer_call and under_call_option(node)):
            return
        receiver = _source(func.expr)
        description = (
            f"use TF ops on '{receiver}' instead of '{receiver}.numpy()', "
            f"or wrap the NumPy code in tf.numpy_function{_or_remove_decorator(trace)}"
        )
        fix = fixes.Fix(description, edits=fixes.remove_call_suffix(node), safe=False)
        answer = model.kind(func.expr)
        confidence = kind_confidence(trace, answer) if answer.is_tensor else INFERENCE
        self.report(
            "tensor-numpy-in-graph", node, args=(f"{receiver}.numpy()", trace.describe(), "numpy", description),
            confidence=confidence, fix=fix,
        )  # fmt: skip

    def _tensor_numpy_in_graph_make_ndarray(self, node: nodes.Call, trace: TraceInfo) -> None:
        answer = self.model(node).kind(node.args[0]) if node.args else None
        if answer is None or not answer.is_tensor:
            return
        prefix, _ = fixes.tf_prefix(node)
        description = f"use the tensor itself in TF ops ({prefix}.get_static_value(...) for constants)"
        self.report(
            # measured on TF 2.21: make_ndarray reads the TensorProto field tensor_shape
            "tensor-numpy-in-graph", node,
            args=(f"{prefix}.make_ndarray()", describe(trace, answer), "tensor_shape", description),
            confidence=kind_confidence(trace, answer), fix=fixes.Fix(description),
        )  # fmt: skip

    # -- numpy-on-tensor: np.* on a tensor --------------------------------------------
    def numpy_on_tensor(self, node: nodes.Call, trace: TraceInfo) -> None:
        func = node.func
        if not isinstance(func, (nodes.Name, nodes.Attribute)) or names.builtin_name(func) is not None:
            return
        if isinstance(func, nodes.Attribute) and func.attrname == "numpy" and not node.args and not node.keywords:
            return  # x.numpy(): tensor-numpy-in-graph
        qualified = names.qualified_name(func)
        if not names.is_numpy(qualified) or qualified.startswith(catalogue.NUMPY_WITHOUT_TENSOR_INPUT):
            return
        model = self.model(node)
        tensor_argument = next((a for a in [*node.args, *(k.value for k in node.keywords or ())] if model.kind(a).is_tensor), None)
        if tensor_argument is None or eager_or_caught(node, model) or (trace.in_layer_call and under_call_option(node)):
            return
        short = qualified[len("numpy.") :]
        spelled = _source(node.func)
        prefix, needs_import = fixes.tf_prefix(node)
        target = catalogue.NUMPY_TO_TF.get(short)
        edits: tuple[fixes.Edit, ...] = ()
        if target is not None:
            replacement = f"{prefix}.{target}"
            if short in ("array", "asarray"):
                description = f"use the tensor itself ({replacement}(...) if a copy is needed)"
            else:
                description = f"use {replacement}(...)"
            same_keywords = all(k.arg in catalogue.NUMPY_SAME_KEYWORDS for k in node.keywords or ())
            if short in catalogue.NUMPY_NAME_SWAP_SAFE and same_keywords:
                edits = (fixes.Edit.replace_node(node.func, replacement),)
        else:
            description = (
                f"use the TF op that does what {spelled}() does, or {prefix}.numpy_function(...)"
                f"{_or_remove_decorator(trace)}"
            )
        fix = fixes.Fix(description, edits=edits, safe=False, needs_tf_import=needs_import)
        answer = model.kind(tensor_argument)
        self.report(
            "numpy-on-tensor", node, args=(spelled, f"'{_source(tensor_argument)}'", describe(trace, answer), description),
            confidence=kind_confidence(trace, answer), fix=fix,
        )  # fmt: skip

    # -- tensor-bool-in-graph: bool(tensor) ----------------------------------------------
    def tensor_bool_in_graph(self, node: nodes.Call, trace: TraceInfo) -> None:
        if names.builtin_name(node.func) != "bool" or len(node.args) != 1 or node.keywords:
            return
        argument = node.args[0]
        answer = self.model(node).kind(argument)
        if not answer.is_tensor:
            return
        prefix, needs_import = fixes.tf_prefix(node)
        replacement = f"{prefix}.cast({_source(argument)}, {prefix}.bool)"
        description = f"use {replacement} (and let autograph convert the if/while that uses it)"
        edits = (fixes.Edit.replace_node(node.func, f"{prefix}.cast"), fixes.Edit.insert_after(argument, f", {prefix}.bool"))
        self.report(
            "tensor-bool-in-graph", node, args=(describe(trace, answer), description),
            confidence=kind_confidence(trace, answer), fix=fixes.Fix(description, edits, False, needs_import),
        )  # fmt: skip

    # -- assert-on-tensor -----------------------------------------------------------------
    def assert_on_tensor(self, node: nodes.Assert, trace: TraceInfo) -> None:
        answer = self.model(node).kind(node.test)
        if not answer.is_tensor:
            return
        prefix, needs_import = fixes.tf_prefix(node)
        description = f"use {_assert_replacement(node, prefix)}"
        # the operands keep their own text (comments inside them too); a comment between them stops the fix
        replacement = _assert_replacement(node, prefix, lambda n: fixes.segment(n) or _source(n))
        fix = fixes.Fix(description, (fixes.Edit.replace_node(node, replacement),), False, needs_import)
        self.report(
            "assert-on-tensor", node, args=(describe(trace, answer), description),
            confidence=kind_confidence(trace, answer), fix=fix,
        )  # fmt: skip

    # -- tensor-python-control-flow: Python control flow and conversions on tensors, unconverted --
    def tensor_python_control_flow(self, node: nodes.NodeNG, trace: TraceInfo) -> None:
        model = self.model(node)
        conversion = model.conversion(node)
        if conversion is None or conversion.converted is None:
            return
        found = unconverted.construct(node, converted=bool(conversion.converted))
        if found is None:
            return
        what, subjects = found
        subject, answer = next(((s, model.kind(s)) for s in subjects if model.kind(s).is_tensor), (None, None))
        if subject is None or answer is None:
            return
        if (
            answer.basis < Basis.CODE
            and (answer.basis is Basis.HINT or conversion.keras_arguments)
            and unconverted.only_a_single_tensor_fails(what)
            and isinstance(subject, (nodes.Name, nodes.Attribute, nodes.Subscript))
        ):
            # a hint, or a call site in Keras code (``inputs`` of Layer.call, which Keras may pass as a list,
            # handed on to a helper; ``inputs[4:]``): a list of tensors iterates, has a length and a truth value
            return
        if model.guard_of(node).runs_eagerly or under_call_option(node):
            return  # code for eager calls only
        why = "autograph does not convert comprehensions" if conversion.converted else conversion.why
        prefix, needs_import = fixes.tf_prefix(node)
        if trace.hybrid.effective_autograph is False and conversion.hybrid is trace.hybrid and what != "comprehension":
            fix = unconverted.autograph_off_fix(node, what, subject, _autograph_on(trace.hybrid), prefix, needs_import)
        else:
            fix = fixes.Fix(unconverted.graph_form(what, subject, prefix))
        at = node.parent if isinstance(node, nodes.Comprehension) else node  # a Comprehension has no line
        self.report(
            "tensor-python-control-flow", at, args=(what, describe(trace, answer), why, fix.description),
            confidence=kind_confidence(trace, answer), fix=fix,
        )  # fmt: skip

    # -- keras-argument-needs-python: Dropout(tf.Variable), super().call(x, training=<tensor>) ----------
    def keras_argument_needs_python(self, node: nodes.Call) -> None:
        model = self.model(node)
        keras = model.keras
        found = [*constructor_python_arguments(node, keras.version)]
        training = training_python_argument(node, keras.version)
        if training is not None:
            found.append(training)
        for argument in found:
            answer = model.kind(argument.argument)
            variable = answer.kind is Kind.VARIABLE or argument.self_variable
            # a tf.Variable was measured in the constructor's place; a tensor fails the same way in a call
            if not variable and not (argument.where == "call" and answer.is_tensor):
                continue
            if answer.basis is Basis.ASSUMED:
                continue
            what = "tf.Variable" if variable else "tensor"
            short = argument.keras_class.rsplit(".", 1)[-1]
            if argument.where == "constructor":
                description = f"pass a Python number as {argument.parameter} (read the variable's value outside Keras)"
            else:
                description = (
                    f"pass a Python bool or None as training (the freeze idiom: set self.trainable = False, "
                    f"or call {short}.call with training=False when frozen)"
                )
            self.report(
                "keras-argument-needs-python", argument.argument,
                args=(f"{short}{'(...)' if argument.where == 'constructor' else '.call'}", argument.parameter, what,
                      f"'{_source(argument.argument)}'", argument.evidence or "raises", keras.phrase(), description),
                confidence=kind_confidence(None, answer) if answer.basis is Basis.CALL_SITE else HIGH,
                fix=fixes.Fix(description),
            )  # fmt: skip

    # -- python-range-unrolled ---------------------------------------------------------
    def python_range_unrolled(self, node: nodes.For, trace: TraceInfo) -> None:
        if not isinstance(node.iter, nodes.Call) or names.builtin_name(node.iter.func) != "range":
            return
        model = self.model(node)
        if model.kind(node.iter).is_tensor:
            return  # a loop over a tensor: tensor-python-control-flow's
        count = range_count(node.iter, trace, model)
        if count is None or count < RANGE_UNROLL_THRESHOLD or not creates_tf_ops(node.body, model):
            return
        prefix, needs_import = fixes.tf_prefix(node)
        arguments = ", ".join(_source(a) for a in node.iter.args)
        description = f"iterate over {prefix}.range({arguments}) (autograph makes it one graph loop)"
        edit = fixes.Edit.replace_node(node.iter.func, f"{prefix}.range")
        fix = fixes.Fix(description, (edit,), False, needs_import)
        self.report(
            "python-range-unrolled", node.iter, args=(arguments, trace.describe(), count, description),
            confidence=confidence_for(trace), fix=fix,
        )  # fmt: skip

    # -- recursion-in-graph --------------------------------------------------------------
    def recursion_in_graph(self, node: nodes.Call, trace: TraceInfo) -> None:
        model = self.model(node)
        cycle = model.recursion(node)
        if cycle is None:
            return
        # one message per cycle: its first call (in source order) that would recurse forever
        for call, path in cycle.calls:
            answer = endless_recursion(call, path, model)
            if answer is None:
                continue
            if call is not node:
                return
            how = "directly" if path == "" else f"through {path}"
            description = "rewrite it as a loop (tf.while_loop, or a for over tf.range that autograph converts)"
            if path == "" and trace.is_hybrid_itself and answer.basis is Basis.CODE:
                confidence = HIGH
            else:
                confidence = kind_confidence(trace, answer) if answer.basis < Basis.CODE else INFERENCE
            self.report(
                "recursion-in-graph", node, args=(display_name(owner(node)), how, describe(trace, answer), description),
                confidence=confidence, fix=fixes.Fix(description),
            )  # fmt: skip
            return

    # -- generator-hybrid ------------------------------------------------------------------
    def generator_hybrid(self, node: nodes.FunctionDef) -> None:
        hybrid = self.model(node).hybrid_of(node)
        if hybrid is None:
            return
        yielded = first_yield(node)
        if yielded is None:
            return
        prefix, _ = fixes.tf_prefix(node)
        description = (
            f"collect the values in a {prefix}.TensorArray and return its .stack(), "
            f"or build a {prefix}.data.Dataset.from_generator(...) instead of tracing the generator"
        )
        self.report("generator-hybrid", yielded, args=(hybrid.name, description), confidence=HIGH, fix=fixes.Fix(description))

    # -- graph-error-not-caught: try/except around ops ------------------------------------------
    def graph_error_not_caught(self, node: nodes.Try, trace: TraceInfo) -> None:
        if not node.handlers:
            return
        caught = [name for handler in node.handlers for name in runtime_error_names(handler)]
        if not caught or not has_tensor_op(node.body, self.model(node)):
            return
        prefix, _ = fixes.tf_prefix(node)
        description = (
            f"validate the inputs with {prefix}.debugging.assert_*/{prefix}.debugging.check_numerics "
            f"or compute the fallback with {prefix}.where/{prefix}.cond, or catch the error around the call "
            "of the tf.function"
        )
        self.report(
            "graph-error-not-caught", node, args=(", ".join(caught), trace.describe(), description),
            confidence=confidence_for(trace), fix=fixes.Fix(description),
        )  # fmt: skip


    # -- discarded-dataset-transformation -----------------------------------------------
    def discarded_dataset_transformation(self, node: nodes.Expr) -> None:
        """``ds.map(f)`` on a line of its own: the new dataset is dropped (any code, traced or not)."""
        found = discarded_dataset_call(node)
        if found is None:
            return
        call, start = found
        receiver = _source(call.func.expr)
        method = f"{receiver}.{call.func.attrname}(...)" if len(receiver) <= 40 else f".{call.func.attrname}(...)"
        if start is not None:
            target = _source(start)
            description = f"assign the result: {target} = {receiver if len(receiver) <= 40 else '...'}.{call.func.attrname}(...)"
            fix = fixes.Fix(description, (fixes.Edit.insert_before(node, f"{target} = "),), safe=False)
        else:
            target = receiver
            description = "assign the result to a name and use that dataset"
            fix = fixes.Fix(description)
        self.report("discarded-dataset-transformation", call, args=(method, target, description), confidence=HIGH, fix=fix)


# -- helpers ---------------------------------------------------------------------------
def _or_remove_decorator(trace: TraceInfo) -> str:
    """Under a tf.function, dropping the decorator is a way out; Keras / tf.data trace regardless."""
    return "" if trace.context is not None else ", or remove @tf.function"


def _autograph_on(hybrid: HybridFunction) -> str:
    if hybrid.is_wrapper:
        return f"pass autograph=True to {'.'.join(hybrid.wrapper.rsplit('.', 2)[-2:])}(...)"
    return "remove autograph=False"


def _assert_replacement(node: nodes.Assert, prefix: str, text: Callable[[nodes.NodeNG], str] = _source) -> str:
    message = f", message={text(node.fail)}" if node.fail is not None else ""
    test = node.test
    debugging = f"{prefix}.debugging"
    if isinstance(test, nodes.Compare) and len(test.ops) == 1:
        op, right = test.ops[0]
        left = test.left
        if op in catalogue.ASSERT_AGAINST_ZERO and _is_zero(right):
            return f"{debugging}.{catalogue.ASSERT_AGAINST_ZERO[op]}({text(left)}{message})"
        if op in catalogue.ASSERT_AGAINST_ZERO and _is_zero(left):
            return f"{debugging}.{catalogue.ASSERT_AGAINST_ZERO[_FLIPPED[op]]}({text(right)}{message})"
        if op in catalogue.ASSERT_BINARY:
            return f"{debugging}.{catalogue.ASSERT_BINARY[op]}({text(left)}, {text(right)}{message})"
    data = text(node.fail) if node.fail is not None else repr(f"assert {text(test)} failed")
    condition = text(test)
    if not (isinstance(test, nodes.Call) and names.qualified_name(test.func) == "tensorflow.reduce_all"):
        condition = f"{prefix}.reduce_all({condition})"
    return f"{debugging}.Assert({condition}, [{data}])"


def _is_zero(node: nodes.NodeNG) -> bool:
    return isinstance(node, nodes.Const) and not isinstance(node.value, bool) and node.value == 0


def register(linter: PyLinter) -> None:
    linter.register_checker(ExecutionModeChecker(linter))
