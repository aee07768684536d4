"""Keras classes: which classes of the project are Keras models or layers (through their bases,
spelled ``keras.Model``, ``tf.keras.layers.Layer``... or project classes that are), and what Keras
passes to their ``call``. Read through imports, never by inferring into Keras.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.catalogue.spellings import EXTERNAL_ROOTS
from pylint_hybridize.model.catalogue.tracing import KERAS_LOOP_METHODS
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import project_class

_MAX_DEPTH = 12


def keras_kind(cls: nodes.ClassDef, _depth: int = 0, _seen: frozenset = frozenset()) -> str | None:
    """``model`` / ``layer`` when ``cls`` derives from a Keras Model / Layer; None otherwise or when unsure."""
    if _depth > _MAX_DEPTH or cls in _seen:
        return None
    found = None
    for base in cls.bases:
        kind = _base_kind(base, _depth, _seen | {cls})
        if kind == "model":
            return "model"
        found = found or kind
    return found


def _base_kind(base: nodes.NodeNG, depth: int, seen: frozenset) -> str | None:
    if isinstance(base, nodes.Call):  # six.with_metaclass(...)-style helpers: give up
        return None
    if isinstance(base, (nodes.Name, nodes.Attribute)):
        qualified = names.qualified_name(base)
        if qualified is not None and names.is_keras(qualified):
            last = qualified.rsplit(".", 1)[-1]
            if last in ("Model", "Sequential", "Functional"):
                return "model"
            if last == "Layer" or (qualified.startswith("keras.layers.") and last[:1].isupper()):
                return "layer"
            return None
        if qualified is not None and names.root_package(qualified) in EXTERNAL_ROOTS:
            return None
    base_class = project_class(base)
    if base_class is None:
        return None
    return keras_kind(base_class, depth + 1, seen)


def overrides_keras_loop(cls: nodes.ClassDef, _depth: int = 0) -> bool:
    """``cls`` or one of its project base classes defines ``fit``/``evaluate``/``predict``/``*_on_batch``
    (``KERAS_LOOP_METHODS``): its own loop may call the step methods eagerly. True when unsure (a base
    given by a call)."""
    if _depth > _MAX_DEPTH:
        return True
    if any(
        isinstance(method, nodes.FunctionDef) for name in KERAS_LOOP_METHODS for method in cls.locals.get(name, ())
    ):
        return True
    for base in cls.bases:
        if isinstance(base, nodes.Call):
            return True
        base_class = project_class(base)
        if base_class is not None and base_class is not cls and overrides_keras_loop(base_class, _depth + 1):
            return True
    return False


def is_keras_call_input(assignment: nodes.AssignName, arguments: nodes.Arguments) -> bool:
    """``inputs`` in ``def call(self, inputs, ...)`` of a Keras layer/model: the tensor Keras passes in."""
    function = arguments.parent
    if not isinstance(function, nodes.FunctionDef) or function.name != "call":
        return False
    cls = function.parent
    positional = [*(arguments.posonlyargs or []), *(arguments.args or [])]
    if not isinstance(cls, nodes.ClassDef) or len(positional) < 2 or positional[1] is not assignment:
        return False
    return keras_kind(cls) is not None


def holds_keras_network(expr: nodes.NodeNG | None, _depth: int = 0) -> bool:
    """``expr`` is a new Keras model or layer, read from the code: a call of a Keras class
    (``keras.Sequential(...)``, ``keras.Model(inputs, outputs)``), of a project subclass of
    ``keras.Model`` / ``Layer`` (``MyModel()``, imported or not), of a project function whose every
    ``return`` is one (``get_model()``), or a name bound only to such values. Unsure: False."""
    if expr is None or _depth > 4:
        return False
    if isinstance(expr, nodes.Name):
        binding = names.only_assignment(expr)
        if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Assign):
            return holds_keras_network(binding.parent.value, _depth + 1)
        scope = names.binding_scope(expr)
        if isinstance(scope, nodes.FunctionDef) and expr.name in scope.locals:
            bindings = scope.locals[expr.name]  # model = tiny(); if big: model = small()
            return bool(bindings) and all(
                isinstance(b, nodes.AssignName) and isinstance(b.parent, nodes.Assign)
                and holds_keras_network(b.parent.value, _depth + 1) for b in bindings
            )
        return False
    if not isinstance(expr, nodes.Call) or not isinstance(expr.func, (nodes.Name, nodes.Attribute)):
        return False
    qualified = names.qualified_name(expr.func)
    if qualified is not None and names.is_keras(qualified):
        last = qualified.rsplit(".", 1)[-1]
        return last in ("Model", "Sequential") or qualified.endswith("load_model") \
            or (qualified.startswith("keras.layers.") and last[:1].isupper())
    cls = project_class(expr.func)
    if cls is not None:
        return keras_kind(cls) is not None
    function = _project_function(expr.func)
    if function is None:
        return False
    returns = [r for r in function.nodes_of_class(nodes.Return) if r.scope() is function]
    return bool(returns) and all(holds_keras_network(r.value, _depth + 1) for r in returns)


def _project_function(func: nodes.NodeNG) -> nodes.FunctionDef | None:
    """The def of this module or of another project module that a call expression names."""
    if isinstance(func, nodes.Name):
        binding = names.only_assignment(func)
        if isinstance(binding, nodes.FunctionDef):
            return binding
    found = names.project_definition(func, nodes.FunctionDef)
    return found if isinstance(found, nodes.FunctionDef) and not isinstance(found.parent, nodes.ClassDef) else None


# The methods Keras itself calls with the tensors of a step, per family of Keras base class: under
# ``fit``/``evaluate`` (and in a traced custom step) they run traced inside the step's graph.
_KERAS_TENSOR_METHODS = {
    "keras.losses.": ("call", "__call__"),
    "keras.metrics.": ("update_state", "result", "__call__"),
    "keras.layers.": ("call",),
    "keras.regularizers.": ("__call__",),
    "keras.constraints.": ("__call__",),
}


def keras_tensor_method(function: nodes.NodeNG, _depth: int = 0) -> bool:
    """``function`` is a method Keras calls with a step's tensors: ``call`` of a project subclass of a
    Keras layer or model, ``call``/``__call__`` of a ``keras.losses.Loss``, ``update_state``/``result``
    of a ``keras.metrics.Metric``, ``__call__`` of a regularizer or constraint (through project base
    classes). Such a method is a unit of a step's graph (traced with it by ``fit``), not a driver."""
    if not isinstance(function, nodes.FunctionDef) or not isinstance(function.parent, nodes.ClassDef):
        return False
    cls = function.parent
    if function.name == "call" and keras_kind(cls) is not None:
        return True
    return any(function.name in methods for methods in _keras_families(cls, 0, frozenset()))


def _keras_families(cls: nodes.ClassDef, depth: int, seen: frozenset) -> list[tuple[str, ...]]:
    """The tensor methods of every Keras family ``cls`` derives from (``_KERAS_TENSOR_METHODS``)."""
    if depth > _MAX_DEPTH or cls in seen:
        return []
    found: list[tuple[str, ...]] = []
    for base in cls.bases:
        if not isinstance(base, (nodes.Name, nodes.Attribute)):
            continue
        qualified = names.qualified_name(base)
        if qualified is not None and names.is_keras(qualified):
            found.extend(methods for prefix, methods in _KERAS_TENSOR_METHODS.items() if qualified.startswith(prefix))
            continue
        base_class = project_class(base)
        if base_class is not None:
            found.extend(_keras_families(base_class, depth + 1, seen | {cls}))
    return found
