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

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages

from pylint_hybridize.checkers._graph_control_flow import GraphControlFlowRules
from pylint_hybridize.checkers._graph_structure import GraphStructureRules
from pylint_hybridize.checkers._trace_values import TraceValueRules
from pylint_hybridize.checkers.base import HybridizeChecker, guarded
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


class ExecutionModeChecker(TraceValueRules, GraphControlFlowRules, GraphStructureRules, HybridizeChecker):
    """The family's rules; each rule's method lives with its concern (``_trace_values``,
    ``_graph_control_flow``, ``_graph_structure``), this class only dispatches."""

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


def register(linter: PyLinter) -> None:
    linter.register_checker(ExecutionModeChecker(linter))
