"""Variables created in traced code: TF rejects them on the first call.

A tf.function that creates a ``tf.Variable`` is traced twice on its first call
(TensorFlow checks that the second trace creates none), so an unconditional
``tf.Variable(...)`` in the body fails at once with ``ValueError: tf.function
only supports singleton tf.Variables created on the first call``. Keras layers,
models, optimizers and metrics create variables too, with the same result.

Precision: creations under any ``if`` (a first-call guard such as ``if self.v
is None:``), inside ``with tf.init_scope():``, in ``__init__``/``build`` (Keras
calls ``build`` once) and in untraced code are silent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import HybridizeChecker, confidence_for, guarded
from pylint_hybridize.model import names
from pylint_hybridize.model.traced import TraceInfo
from pylint_hybridize.model.walk import FUNCTION_TYPES

if TYPE_CHECKING:
    from pylint.lint import PyLinter

VARIABLE_CONSTRUCTORS = frozenset({"tensorflow.Variable"})
# Keras modules whose capitalised members are variable-creating classes
_KERAS_VARIABLE_MODULES = ("keras.layers.", "keras.optimizers.", "keras.metrics.")
_KERAS_MODELS = frozenset({"keras.Model", "keras.Sequential", "keras.models.Model", "keras.models.Sequential"})
# methods that run once by contract: variables made there are the normal case
_RUN_ONCE_METHODS = frozenset({"__init__", "build", "_build", "_create_variables", "create_variables"})


class VariablesChecker(HybridizeChecker):
    name = "hybridize-variables"
    msgs = {
        "E9301": (
            "tf.Variable is created while %s, on every trace: TF raises 'tf.function only supports "
            "singleton tf.Variables created on the first call'; fix: %s",
            "variable-created-in-traced-code",
            "A tf.function that creates a variable is traced twice on its first call and TF "
            "rejects any variable created on a trace but the first: an unconditional "
            "tf.Variable(...) in traced code fails on the very first call.",
        ),
        "E9302": (
            "%s creates variables while %s, on every trace: TF raises 'tf.function only supports "
            "singleton tf.Variables created on the first call'; fix: %s",
            "keras-object-created-in-traced-code",
            "Keras layers, models, optimizers and metrics create variables when built; "
            "constructing one inside traced code fails like tf.Variable does.",
        ),
    }

    @only_required_for_messages("variable-created-in-traced-code", "keras-object-created-in-traced-code")
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        if not isinstance(node.func, (nodes.Name, nodes.Attribute)):
            return
        qualified = names.qualified_name(node.func)
        if qualified is None:
            return
        is_variable = qualified in VARIABLE_CONSTRUCTORS
        keras_class = None if is_variable else _keras_variable_class(qualified)
        if not is_variable and keras_class is None:
            return
        trace = self.trace_info(node)
        if trace is None or _created_once(node, trace):
            return
        if is_variable:
            self.report(
                "variable-created-in-traced-code",
                node,
                args=(trace.describe(), _fix_text(node, "the variable", ".assign(...) it inside")),
                confidence=confidence_for(trace),
            )
        else:
            self.report(
                "keras-object-created-in-traced-code",
                node,
                args=(keras_class, trace.describe(), _fix_text(node, f"the {keras_class}", "call it inside")),
                confidence=confidence_for(trace),
            )


def _keras_variable_class(qualified: str) -> str | None:
    """``keras.layers.Dense`` for a Keras class that creates variables; None otherwise."""
    if qualified in _KERAS_MODELS:
        return qualified
    for prefix in _KERAS_VARIABLE_MODULES:
        rest = qualified[len(prefix) :] if qualified.startswith(prefix) else ""
        if rest and "." not in rest and rest[:1].isupper():
            return qualified
    return None


def _created_once(node: nodes.Call, trace: TraceInfo) -> bool:
    """Under a guard, an init_scope, or in a method that runs once by contract."""
    child: nodes.NodeNG = node
    parent = node.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.Module, nodes.ClassDef)):
        if isinstance(parent, nodes.If) and child is not parent.test:
            return True  # a first-call guard (``if self.v is None:``) or another condition we cannot judge
        if isinstance(parent, nodes.IfExp) and child is not parent.test:
            return True
        if isinstance(parent, nodes.With) and _enters_init_scope(parent):
            return True
        child, parent = parent, parent.parent
    function = parent
    return isinstance(function, nodes.FunctionDef) and function.name in _RUN_ONCE_METHODS and not trace.is_hybrid_itself


def _enters_init_scope(node: nodes.With) -> bool:
    for context, _alias in node.items:
        if isinstance(context, nodes.Call) and isinstance(context.func, (nodes.Name, nodes.Attribute)):
            if names.qualified_name(context.func) == "tensorflow.init_scope":
                return True
    return False


def _fix_text(node: nodes.Call, what: str, inside: str) -> str:
    prefix, _ = fixes.tf_prefix(node)
    return (
        f"create {what} once outside the traced code (in __init__ or at module level) and {inside}, "
        f"or create it lazily under 'if self.<name> is None:'"
    ).replace("tf.", f"{prefix}.")


def register(linter: PyLinter) -> None:
    linter.register_checker(VariablesChecker(linter))
