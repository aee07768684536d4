"""Objects that create variables: which names hold a new Keras optimizer or model, which have their
variables built up front, whether a creation in traced code runs only once, and how a statement making
a new object runs again and again.

The API facts (which classes create variables) are in ``catalogue``; this module reads the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.catalogue import keras_classes
from pylint_hybridize.model.execution.model import ExecutionModel
from pylint_hybridize.model.execution.traced import TraceInfo
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import keyword_value
from pylint_hybridize.model.syntax.walk import enclosing_loop, owner


def keras_instance_kind(argument: nodes.NodeNG) -> str | None:
    """``'optimizer'`` / ``'model'`` when ``argument`` is a name bound once to a new Keras optimizer /
    model (``opt = tf.keras.optimizers.Adam()``); None otherwise."""
    value = names.bound_value(argument)
    if not isinstance(value, nodes.Call):
        return None
    func = value.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    return None if qualified is None else catalogue.keras_object_kind(qualified)


def built_names(calls: list[nodes.Call]) -> frozenset[str]:
    """Names on which ``.build(...)`` is called among ``calls`` (their variables are made up front).
    ``TraceModel.built_names`` is this for the module's calls, computed once."""
    return frozenset(
        call.func.expr.name
        for call in calls
        if isinstance(call.func, nodes.Attribute) and call.func.attrname == "build" and isinstance(call.func.expr, nodes.Name)
    )


def created_once(node: nodes.NodeNG, trace: TraceInfo, model: ExecutionModel) -> bool:
    """A creation in traced code that need not run on every trace: under a guard or an init_scope (a
    lambda handed to a call runs where the call is), in a method that runs once by contract, or in a
    helper that traced code calls only under a guard (``if self._loss is None: self._make_loss()``)."""
    if model.guard_of(node, callbacks=True).runs_once:
        return True
    function = owner(node)
    return not trace.is_hybrid_itself and isinstance(function, nodes.FunctionDef) and model.called_under_guard(function)


@dataclass(frozen=True)
class Repetition:
    """How a statement runs again and again."""

    how: str
    """``loop``: in every iteration of the loop around it; ``caller``: by every call of its function,
    which is called in a loop."""
    at: nodes.NodeNG
    """The loop (``loop``), or the call in a loop (``caller``)."""
    function: nodes.NodeNG
    """The function (or module) holding the statement."""


def repetition(statement: nodes.NodeNG, call: nodes.Call, model: ExecutionModel) -> Repetition | None:
    """How ``statement``, making a new object that ``call`` in the same function uses, runs again and
    again: in the loop around both, or in an eager function that an eager call in a loop of this module
    calls; None when it runs once (or ``call`` is in another function)."""
    function = owner(statement)
    if function is not owner(call):
        return None
    loop = enclosing_loop(statement)
    if loop is not None and enclosing_loop(call) is loop:
        return Repetition("loop", loop, function)
    if loop is not None or not isinstance(function, nodes.FunctionDef):
        return None
    for other in model.calls_to(function):
        if other.root() is model.module and enclosing_loop(other) is not None and model.trace_info(other) is None:
            return Repetition("caller", other, function)
    return None


def keras_creation(call: nodes.Call, qualified: str, keras: str) -> tuple[str, tuple[str, ...]] | None:
    """What a Keras object constructed by ``call`` creates in traced code, from the measured catalogue
    (``catalogue.keras_classes``, ``keras``: ``"3"`` or ``"2"``): ``("constructor", names)`` when its
    constructor creates variables; ``("first call", names)`` when it creates none there but does on its
    first use and that use is in the same function (``Dense(2)(x)``, ``d = Dense(2); d(x)``; a model's
    names are ``()``: its layers'); None when it creates none, or the catalogue does not know the class."""
    if not _wrapped_layers_known(call, qualified, keras):
        return None
    made = keras_classes.constructor_variables(qualified, keras)
    if made:
        return "constructor", made
    if made is None and qualified not in catalogue.KERAS_MODELS:
        return None
    on_use = () if made is None else keras_classes.call_variables(qualified, keras)
    if on_use is None or (made is not None and not on_use):
        return None
    return ("first call", on_use) if used_where_created(call) else None


def _wrapped_layers_known(call: nodes.Call, qualified: str, keras: str) -> bool:
    """For a class that wraps layers (``catalogue.WRAPPED_LAYER_PARAMETERS``): every layer ``call`` hands
    it is made right there by a catalogue class that creates variables, as in the probe the catalogue's
    record comes from (``RNN(SimpleRNNCell(3))``); a project cell or a layer made elsewhere: unknown.
    True for every other class."""
    found = keras_classes.record(qualified, keras)
    parameters = tuple(found.get("parameters", ())) if found else ()
    wrapped = [name for name in parameters if name in catalogue.WRAPPED_LAYER_PARAMETERS]
    if not wrapped:
        return True
    for name in wrapped:
        position = parameters.index(name)
        argument = keyword_value(call, name)
        if argument is None and position < len(call.args):
            argument = call.args[position]
        if argument is None:
            continue  # not given: the class's default (backward_layer: a copy of layer)
        layers = argument.elts if isinstance(argument, (nodes.List, nodes.Tuple)) else [argument]
        for layer in layers:
            inner = names.qualified_name(layer.func) if isinstance(layer, nodes.Call) else None
            if inner is None or not (
                keras_classes.constructor_variables(inner, keras) or keras_classes.call_variables(inner, keras)
            ):
                return False
    return True


def used_where_created(call: nodes.Call, _depth: int = 0) -> bool:
    """The object ``call`` makes is called (or has a method called) in the function that makes it:
    ``Dense(2)(x)``, ``d = Dense(2); d(x)``, ``self.d = Dense(2); self.d(x)``, or it is an element of a
    list handed to a call that is (``Sequential([Dense(1)])(x)``)."""
    parent = call.parent
    if isinstance(parent, nodes.Call) and parent.func is call:
        return True
    if isinstance(parent, (nodes.List, nodes.Tuple)) and isinstance(parent.parent, nodes.Call) and _depth < 2:
        return parent in parent.parent.args and used_where_created(parent.parent, _depth + 1)
    if not (isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.value is call):
        return False
    target = parent.targets[0]
    function = owner(call)
    if not isinstance(target, (nodes.AssignName, nodes.AssignAttr)) or function is None:
        return False
    for other in function.nodes_of_class(nodes.Call):
        if other.lineno is None or parent.lineno is None or other.lineno < parent.lineno:
            continue
        func = other.func
        for used in (func, func.expr if isinstance(func, nodes.Attribute) else None):
            if _same_target(used, target):
                return True
    return False


def _same_target(expr: nodes.NodeNG | None, target: nodes.NodeNG) -> bool:
    if isinstance(target, nodes.AssignName):
        return isinstance(expr, nodes.Name) and expr.name == target.name
    return (
        isinstance(expr, nodes.Attribute)
        and expr.attrname == target.attrname
        and isinstance(expr.expr, nodes.Name)
        and isinstance(target.expr, nodes.Name)
        and expr.expr.name == target.expr.name
    )
