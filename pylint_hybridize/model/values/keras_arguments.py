"""Tensors where Keras needs Python values: which measured Keras class a call constructs or calls, and
which of its arguments Keras uses as a Python value (``catalogue.keras_classes.python_only_arguments``: a
constructor's numeric hyperparameters such as ``Dropout(rate)``; ``catalogue.keras_training``: the
``training`` of ``BatchNormalization`` / ``Dropout`` calls under Keras 3).

A call of a layer is recognised where the code shows the class: ``super().call(x, training)`` in a subclass
of it, ``self.bn(x, training=t)`` with ``self.bn = BatchNormalization()`` in the class, a name bound to
one, or ``Dropout(0.5)(x, training=t)``. The caller asks the value model whether the argument is a tensor.
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.catalogue import keras_classes
from pylint_hybridize.model.catalogue.keras_training import training_must_be_python
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import keyword_value
from pylint_hybridize.model.syntax.references import enclosing_class, is_self_reference


@dataclass(frozen=True)
class PythonArgument:
    """An argument Keras uses as a Python value."""

    keras_class: str
    parameter: str
    argument: nodes.NodeNG
    where: str
    """``constructor`` or ``call``."""
    evidence: str
    """What TF raised when a tensor or tf.Variable was there (the measurement)."""

    @property
    def self_variable(self) -> bool:
        """``self.rate``, every assignment of which in its class is ``tf.Variable(...)``."""
        expr = self.argument
        if not (isinstance(expr, nodes.Attribute) and is_self_reference(expr.expr)):
            return False
        cls = enclosing_class(expr)
        assignments = [] if cls is None else cls.instance_attrs.get(expr.attrname, [])
        values = [a.parent.value for a in assignments if isinstance(a.parent, nodes.Assign)]
        return bool(values) and len(values) == len(assignments) and all(
            isinstance(v, nodes.Call) and _qualified(v.func) == "tensorflow.Variable" for v in values
        )


def _qualified(func: nodes.NodeNG) -> str | None:
    return names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None


def constructor_python_arguments(call: nodes.Call, keras: str) -> list[PythonArgument]:
    """``Dropout(rate)``: the arguments of a Keras constructor that the catalogue measured Python-only."""
    qualified = _qualified(call.func)
    if qualified is None or not qualified.startswith("keras."):
        return []
    only = keras_classes.python_only_arguments(qualified, keras)
    if not only:
        return []
    parameters = keras_classes.parameters(qualified, keras) or ()
    given = {k.arg: k.value for k in call.keywords or () if k.arg}
    for index, argument in enumerate(call.args):
        if isinstance(argument, nodes.Starred):
            break
        if index < len(parameters):
            given.setdefault(parameters[index], argument)
    record = keras_classes.record(qualified, keras) or {}
    return [
        PythonArgument(qualified, name, given[name], "constructor", record.get("arguments", {}).get(name, ("", ""))[1])
        for name in only
        if name in given
    ]


def training_python_argument(call: nodes.Call, keras: str) -> PythonArgument | None:
    """``training`` passed to the ``call`` of a Keras class that needs it as a Python value."""
    if keras != "3":
        return None
    training = keyword_value(call, "training")
    if training is None and len(call.args) >= 2 and not any(isinstance(a, nodes.Starred) for a in call.args[:2]):
        training = call.args[1]
    if training is None:
        return None
    qualified = called_keras_class(call)
    if not training_must_be_python(qualified, keras):
        return None
    return PythonArgument(qualified, "training", training, "call", "traced call: OperatorNotAllowedInGraphError")


def called_keras_class(call: nodes.Call) -> str | None:
    """The Keras class whose ``call`` this calls, when the code shows it (see the module doc)."""
    func = call.func
    if isinstance(func, nodes.Call):
        return _qualified(func.func)  # Dropout(0.5)(x, ...)
    if isinstance(func, nodes.Attribute) and func.attrname in ("call", "__call__"):
        receiver = func.expr
        if isinstance(receiver, nodes.Call) and isinstance(receiver.func, nodes.Name) and receiver.func.name == "super":
            cls = enclosing_class(call)
            bases = [] if cls is None else [_qualified(base) for base in cls.bases]
            return next((base for base in bases if base is not None and base.startswith("keras.")), None)
        return _instance_class(receiver)
    return _instance_class(func)


def _instance_class(expr: nodes.NodeNG) -> str | None:
    """``self.bn`` bound in its class only to ``BatchNormalization(...)``; a name bound to one."""
    if isinstance(expr, nodes.Attribute) and is_self_reference(expr.expr):
        cls = enclosing_class(expr)
        assignments = [] if cls is None else cls.instance_attrs.get(expr.attrname, [])
        values = [a.parent.value for a in assignments if isinstance(a.parent, nodes.Assign)]
        if not values or len(values) != len(assignments):
            return None
        found = {_qualified(v.func) if isinstance(v, nodes.Call) else None for v in values}
        return found.pop() if len(found) == 1 else None
    if isinstance(expr, nodes.Name):
        value = names.bound_value(expr)
        return _qualified(value.func) if isinstance(value, nodes.Call) else None
    return None
