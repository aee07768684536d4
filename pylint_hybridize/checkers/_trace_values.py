"""Execution mode, one concern: a tensor's *value* asked for while tracing (``.numpy()``, NumPy functions,
``bool()``, ``assert``): inside a ``tf.function`` a tensor is symbolic and has none yet.

The rules' methods of ``ExecutionModeChecker`` (``checkers/execution_mode.py``, which holds the family's
records and dispatches): ``tensor-numpy-in-graph``, ``numpy-on-tensor``, ``tensor-bool-in-graph``,
``assert-on-tensor``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import INFERENCE

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import describe, kind_confidence, source_text as _source
from pylint_hybridize.model import TraceInfo, catalogue, eager_or_caught, names, under_call_option

if TYPE_CHECKING:
    from pylint_hybridize.model import TraceModel


class TraceValueRules:
    """Mixin of ``ExecutionModeChecker``: ``self.model``/``self.report`` come from ``HybridizeChecker``."""

    if TYPE_CHECKING:
        def model(self, node: nodes.NodeNG) -> TraceModel: ...
        def report(self, *args, **kwargs) -> None: ...

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


def _or_remove_decorator(trace: TraceInfo) -> str:
    """Under a tf.function, dropping the decorator is a way out; Keras / tf.data trace regardless."""
    return "" if trace.context is not None else ", or remove @tf.function"


# assert 0 < x -> x > 0 (the comparison read from the other side, for catalogue.ASSERT_AGAINST_ZERO)
_FLIPPED = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}



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
