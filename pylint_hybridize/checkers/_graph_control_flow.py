"""Execution mode, one concern: Python control flow in traced code (what autograph does not convert, a
Python ``range`` unrolled into the graph, a Keras argument that must stay a Python value).

The rules' methods of ``ExecutionModeChecker`` (``checkers/execution_mode.py``): ``tensor-python-control-flow``,
``keras-argument-needs-python``, ``python-range-unrolled``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import HIGH

from pylint_hybridize import fixes
from pylint_hybridize.checkers import _unconverted as unconverted
from pylint_hybridize.checkers.base import confidence_for, describe, kind_confidence, source_text as _source
from pylint_hybridize.model import (
    Basis,
    HybridFunction,
    Kind,
    TraceInfo,
    constructor_python_arguments,
    creates_tf_ops,
    names,
    range_count,
    training_python_argument,
    under_call_option,
)

if TYPE_CHECKING:
    from pylint_hybridize.model import TraceModel

# -- measured thresholds ------------------------------------------------------
RANGE_UNROLL_THRESHOLD = 1000
"""``for i in range(N)`` with N >= this (and TF ops in the body) is reported.

Measured on TF 2.21, 2 CPU cores (docs/messages/python-range-unrolled/details.md), body
``x = x * 0.5 + 1.0``: the unrolled graph has 4N+2 ops; tracing takes 0.06 s at N=100,
0.3 s at 500, 0.8 s at 1000, 1.5 s at 2000, 3.1 s at 5000 (``tf.range``: 18 ops, 0.01-0.03 s
for every N). Per call the unrolled graph is *faster* (N=1000: 0.49 ms vs 3.5 ms), so
below ~1 s of tracing unrolling is a fair trade and we stay silent.
"""


class GraphControlFlowRules:
    """Mixin of ``ExecutionModeChecker``: ``self.model``/``self.report`` come from ``HybridizeChecker``."""

    if TYPE_CHECKING:
        def model(self, node: nodes.NodeNG) -> TraceModel: ...
        def report(self, *args, **kwargs) -> None: ...

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
        # the path that fails: the one whose semantics decided (a helper a tf.function reaches converted
        # and Layer.call unconverted fails under Layer.call)
        shown = conversion.trace if conversion.hybrid is not trace.hybrid else trace
        prefix, needs_import = fixes.tf_prefix(node)
        if trace.hybrid.effective_autograph is False and conversion.hybrid is trace.hybrid and what != "comprehension":
            fix = unconverted.autograph_off_fix(node, what, subject, _autograph_on(trace.hybrid), prefix, needs_import)
        else:
            fix = fixes.Fix(unconverted.graph_form(what, subject, prefix))
        at = node.parent if isinstance(node, nodes.Comprehension) else node  # a Comprehension has no line
        self.report(
            "tensor-python-control-flow", at, args=(what, describe(shown, answer), why, fix.description),
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


def _autograph_on(hybrid: HybridFunction) -> str:
    if hybrid.is_wrapper:
        return f"pass autograph=True to {'.'.join(hybrid.wrapper.rsplit('.', 2)[-2:])}(...)"
    return "remove autograph=False"
