"""When Keras 3 runs a layer's ``call`` symbolically before its first real call (the "build by run").

Keras 3's ``Layer._maybe_build``: a layer that is not built, whose ``build`` is Keras' default (no
``build`` of its own) and that holds a sublayer not built yet, first runs ``call`` on symbolic
tensors (``backend.compute_output_spec``, a scratch FuncGraph), then the real call. The sublayers
its ``call`` calls run symbolically in that pass too, whatever their own ``build``. A layer with a
``build`` of its own, or whose sublayers are all built (``Activation``, ``Dropout``), runs its first
call as called (eagerly on eager tensors). Measured under TF 2.21 / Keras 3.15
(``benchmarks/peers_measure.py``; ``leaked-tensor-at-trace-time/bad_keras_cache.py``).

So a run-once cache in ``call`` (``if self.cached is None: self.cached = tf.matmul(...)``) of such a
layer keeps a tensor of the scratch graph, and every later call returns or uses it: ``TypeError: ...
is out of scope``. What this module proves, from the code alone (unknown is False):

- ``builds_by_run(cls)``: a Keras layer/model class whose ``build`` is Keras' default (no ``build``
  in it or its project bases; its library bases are the generic ``Layer``/``Model``) and whose own
  ``__init__`` assigns, as a statement of its body, a sublayer not built at construction: a Keras
  class whose first call creates variables (the catalogue), or a project layer class that sets no
  ``self.built`` and calls no ``self.build`` in its ``__init__``s (its library bases generic, or
  creating variables on their first call);
- ``first_call_symbolic(cls, instantiations)``: ``builds_by_run(cls)``, or an instance of ``cls`` is
  the sublayer ``self.a = Cls(...)`` of a class whose first call is symbolic and whose ``call`` calls
  ``self.a(...)`` in a statement of its body (not under a branch).
"""

from __future__ import annotations

from collections.abc import Callable

from astroid import nodes

from pylint_hybridize.model.catalogue import keras_classes
from pylint_hybridize.model.hybrids.keras import keras_kind
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import class_method, is_self_reference, project_class, resolve_local_class

GENERIC_BASES = frozenset({"keras.layers.Layer", "keras.Layer", "keras.Model", "keras.models.Model"})
"""Keras 3 classes whose ``build`` is the default one (``utils.default``) and whose constructor leaves
``built`` False."""

_MAX_DEPTH = 4


def builds_by_run(cls: nodes.ClassDef) -> bool:
    """Keras 3 runs ``cls.call`` symbolically before the first real call of every instance (above)."""
    if keras_kind(cls) is None or class_method(cls, "build") is not None:
        return False
    bases = _library_bases(cls, 0)
    if bases is None or not bases <= GENERIC_BASES:
        return False
    init = _own_method(cls, "__init__")
    if init is None or _touches_built(init):
        return False
    return any(_unbuilt_at_construction(value.func) for value in _sublayer_values(init).values())


def first_call_symbolic(
    cls: nodes.ClassDef, instantiations: Callable[[nodes.ClassDef], list[nodes.Call]], _depth: int = 0
) -> bool:
    """``cls.call`` runs symbolically first: it builds by run, or it is the sublayer, called in a
    statement of ``call``, of a class whose first call is symbolic (above)."""
    if _depth > _MAX_DEPTH:
        return False
    if builds_by_run(cls):
        return True
    for creation in instantiations(cls):
        holder = _held_as_sublayer(creation)
        if holder is None:
            continue
        parent, attribute = holder
        if _calls_sublayer(parent, attribute) and first_call_symbolic(parent, instantiations, _depth + 1):
            return True
    return False


def _own_method(cls: nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
    found = [m for m in cls.locals.get(name, ()) if isinstance(m, nodes.FunctionDef)]
    return found[0] if len(found) == 1 else None


def _library_bases(cls: nodes.ClassDef, depth: int) -> set[str] | None:
    """The canonical names of the library classes ``cls`` derives from, through its project bases;
    None when a base is neither (a call, an unknown name)."""
    if depth > _MAX_DEPTH:
        return None
    found: set[str] = set()
    for base in cls.bases:
        base_class = project_class(base)
        if base_class is not None:
            inner = _library_bases(base_class, depth + 1)
            if inner is None or (base_class is not cls and _touches_built_in_init(base_class)):
                return None
            found |= inner
            continue
        qualified = names.qualified_name(base) if isinstance(base, (nodes.Name, nodes.Attribute)) else None
        if qualified is None:
            return None
        found.add(qualified)
    return found


def _touches_built_in_init(cls: nodes.ClassDef) -> bool:
    init = _own_method(cls, "__init__")
    return init is not None and _touches_built(init)


def _touches_built(function: nodes.FunctionDef) -> bool:
    """``self.built = ...`` or ``self.build(...)`` in ``function``: built at construction, maybe."""
    for node in function.nodes_of_class((nodes.AssignAttr, nodes.Attribute)):
        if node.attrname in ("built", "build") and is_self_reference(node.expr):
            return True
    return False


def _sublayer_values(init: nodes.FunctionDef) -> dict[str, nodes.Call]:
    """{attribute: ``Cls(...)``} for each ``self.attribute = Cls(...)`` statement of ``init``'s body."""
    found: dict[str, nodes.Call] = {}
    for statement in init.body:
        if isinstance(statement, nodes.Assign) and len(statement.targets) == 1 and isinstance(statement.value, nodes.Call):
            target = statement.targets[0]
            if isinstance(target, nodes.AssignAttr) and is_self_reference(target.expr):
                found[target.attrname] = statement.value
    return found


def _unbuilt_at_construction(func: nodes.NodeNG) -> bool:
    """``func(...)`` builds a layer whose ``built`` is False until its first call."""
    cls = resolve_local_class(func) or (project_class(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None)
    if cls is not None:
        if keras_kind(cls) is None or _touches_built_in_init(cls):
            return False
        bases = _library_bases(cls, 0)
        return bases is not None and all(q in GENERIC_BASES or _creates_variables(q) for q in bases)
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    return qualified is not None and names.is_keras(qualified) and _creates_variables(qualified)


def _creates_variables(qualified: str) -> bool:
    """The Keras 3 class's first call creates variables (the catalogue): it was not built before."""
    return keras_classes.creates_variables_on_call(qualified, keras="3") is True


def _held_as_sublayer(creation: nodes.Call) -> tuple[nodes.ClassDef, str] | None:
    """(the class, the attribute) when ``creation`` is ``self.attribute = Cls(...)``, a statement of a
    class's own ``__init__`` body."""
    statement = creation.parent
    if not (isinstance(statement, nodes.Assign) and statement.value is creation and len(statement.targets) == 1):
        return None
    target = statement.targets[0]
    init = statement.parent
    if not (isinstance(target, nodes.AssignAttr) and is_self_reference(target.expr)):
        return None
    if not (isinstance(init, nodes.FunctionDef) and init.name == "__init__" and isinstance(init.parent, nodes.ClassDef)):
        return None
    if _sublayer_values(init).get(target.attrname) is not creation:
        return None  # assigned again later in __init__
    return init.parent, target.attrname


def _calls_sublayer(cls: nodes.ClassDef, attribute: str) -> bool:
    """``cls``'s own ``call`` calls ``self.attribute(...)`` in a statement of its body (runs on every call)."""
    call = _own_method(cls, "call")
    if call is None:
        return False
    for statement in call.body:
        if isinstance(statement, (nodes.If, nodes.For, nodes.While, nodes.Try, nodes.With, *_DEFINITIONS)):
            continue
        for node in statement.nodes_of_class(nodes.Call, skip_klass=_DEFINITIONS):
            func = node.func
            if isinstance(func, nodes.Attribute) and func.attrname == attribute and is_self_reference(func.expr):
                if not any(isinstance(a, (nodes.IfExp, nodes.BoolOp)) for a in _ancestors_to(node, statement)):
                    return True
    return False


_DEFINITIONS = (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef)


def _ancestors_to(node: nodes.NodeNG, statement: nodes.NodeNG):
    parent = node.parent
    while parent is not None and parent is not statement:
        yield parent
        parent = parent.parent


def read_besides_none_tests(cls: nodes.ClassDef, attribute: str) -> bool:
    """``self.attribute`` is read in ``cls`` other than by ``self.attribute is None`` /
    ``is not None`` (the cache's own guard): its value is used."""
    for node in cls.nodes_of_class(nodes.Attribute):
        if node.attrname != attribute or not is_self_reference(node.expr):
            continue
        parent = node.parent
        if isinstance(parent, nodes.Compare) and len(parent.ops) == 1 and parent.ops[0][0] in ("is", "is not") \
                and isinstance(parent.ops[0][1], nodes.Const) and parent.ops[0][1].value is None:
            continue
        return True
    return False
