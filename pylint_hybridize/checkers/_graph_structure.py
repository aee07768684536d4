"""Execution mode, one concern: the shape of traced code that a graph cannot hold (recursion without
an end, a generator, ``try``/``except`` around ops whose errors are raised when the graph runs), and a
tf.data transformation whose new dataset is dropped.

The rules' methods of ``ExecutionModeChecker`` (``checkers/execution_mode.py``): ``recursion-in-graph``,
``generator-hybrid``, ``graph-error-not-caught``, ``discarded-dataset-transformation``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import HIGH, INFERENCE

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import confidence_for, describe, kind_confidence, source_text as _source
from pylint_hybridize.model import (
    Basis,
    TraceInfo,
    discarded_dataset_call,
    display_name,
    endless_recursion,
    first_yield,
    has_tensor_op,
    owner,
    runtime_error_names,
)

if TYPE_CHECKING:
    from pylint_hybridize.model import TraceModel


class GraphStructureRules:
    """Mixin of ``ExecutionModeChecker``: ``self.model``/``self.report`` come from ``HybridizeChecker``."""

    if TYPE_CHECKING:
        def model(self, node: nodes.NodeNG) -> TraceModel: ...
        def report(self, *args, **kwargs) -> None: ...

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
