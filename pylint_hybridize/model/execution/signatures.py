"""The ``input_signature`` a proposed ``tf.function`` needs (``tf-function-opportunity``'s fix).

A bare decorator traces once per distinct Python number an argument gets and once per new shape;
an ``input_signature`` traces once. The signature is written from the shape facts of what every
visible call passes (``values.shape_facts``): one ``TensorSpec`` per parameter, with the rank and
dtype every call agrees on and the dimensions that are literal and equal everywhere (others None).
It is offered only when proven:

- every parameter is bound at every call (no ``*args``/``**kwargs``, no default left to TF);
- with a dimension left None, no static ``.shape`` is read in the graph (``x.shape[0]`` would be
  None where eager code had a number; ``tf.shape`` and ``len``, which autograph converts, are fine);
- every fact has a rank and a dtype; a tensor of rank 2 or more has its last dimension (an unbuilt
  Keras layer builds its weights from it: ``Conv2D``/``Dense`` fail on ``[None, None, None]``,
  measured on TF 2.21, docs/messages/tf-function-opportunity/good_signature.py);
- a Python number becomes a scalar tensor only where its every use in the graph computes the same
  with a scalar tensor of that dtype: an operand of arithmetic whose other operand is a tensor of
  the same dtype, an argument of ``tf.range``, the bounds of ``tf.clip_by_value`` or of a random
  draw with that dtype, or a parameter of a project function for which the same holds.

``needs_signature``: some parameter gets a Python number, a dimension that is not proven fixed, or
shapes that differ between calls (what a bare decorator retraces on).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.calls.graph import CallGraph
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import bind_arguments, implicit_first, keyword_value, parameters as binding_parameters
from pylint_hybridize.model.values.kinds import value_kind
from pylint_hybridize.model.values.shape_facts import ShapeFacts
from pylint_hybridize.model.values.shapes import Shape, dtype_named

_USE_DEPTH = 3
_SCALAR_DTYPES = frozenset({"int32", "float32"})
_DRAW_BOUNDS = {"minval": 1, "maxval": 2, "mean": 1, "stddev": 2}
_GENERATOR_FACTORIES = frozenset({
    "tensorflow.random.Generator.from_seed", "tensorflow.random.Generator.from_non_deterministic_state",
    "tensorflow.random.get_global_generator", "tensorflow.random.Generator",
})


@dataclass(frozen=True)
class Spec:
    """One ``tf.TensorSpec``: ``dims`` (None entries unknown) and ``dtype`` (``float32``...)."""

    dims: tuple[int | None, ...]
    dtype: str


def input_signature(
    model, function: nodes.FunctionDef, facts: ShapeFacts, helpers: Iterable[nodes.FunctionDef] = (),
) -> tuple[Spec, ...] | None:
    """The specs of ``function``'s parameters (``self`` left out), or None when not proven.
    ``helpers``: the defs the graph would hold besides it; with a dimension left None, neither may
    read a static ``.shape`` (it would hold None where eager code saw a number)."""
    arguments = function.args
    if arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
        return None
    parameters = binding_parameters(function)
    sites = model.calls_to(function)
    if not sites or not parameters:
        return None
    for site in sites:
        binding = bind_arguments(site, function)
        if not binding.complete or set(binding.values) != set(parameters):
            return None  # a default filled in by TF, or an argument the binder cannot place
    specs: list[Spec] = []
    for name in parameters:
        fact = facts.parameter(function, name)
        spec = _spec(fact)
        if spec is None:
            return None
        if fact.python and not used_as_tensor(model, function, name, spec.dtype, facts, 0):
            return None
        specs.append(spec)
    if any(None in spec.dims for spec in specs) and reads_static_shape(function, helpers):
        return None
    return tuple(specs)


def reads_static_shape(function: nodes.FunctionDef, helpers: Iterable[nodes.FunctionDef] = ()) -> bool:
    """The graph would read a static ``.shape`` (None where a signature leaves a dimension None);
    ``tf.shape(x)``, the dynamic shape, is no such read."""
    return any(
        node.attrname == "shape" and names.qualified_name(node) != "tensorflow.shape"
        for body in (function, *helpers) for node in body.nodes_of_class(nodes.Attribute)
    )


def needs_signature(function: nodes.FunctionDef, facts: ShapeFacts) -> bool:
    """Some parameter would retrace a bare decorator: a Python number, a dimension not proven fixed,
    or shapes that differ between calls."""
    arguments = [a.name for a in function.args.arguments or []]
    if arguments and implicit_first(function, None):
        arguments = arguments[1:]
    for name in arguments:
        fact = facts.parameter(function, name)
        if fact.python or fact.varies or (fact.dims is not None and None in fact.dims):
            return True
    return False


def _spec(fact: Shape) -> Spec | None:
    if fact.dims is None or fact.dtype is None or fact.dtype == "string":
        return None
    if fact.python and (fact.dims != () or fact.dtype not in _SCALAR_DTYPES):
        return None  # a Python list, or a bool (an ``if`` on it would become a tf.cond)
    if len(fact.dims) >= 2 and fact.dims[-1] is None:
        return None  # an unbuilt Keras layer cannot build from an unknown last dimension
    return Spec(fact.dims, fact.dtype)


def used_as_tensor(model, function: nodes.FunctionDef, name: str, dtype: str, facts: ShapeFacts, depth: int) -> bool:
    """Every use of parameter ``name`` of ``function`` computes the same with a scalar tensor of
    ``dtype`` as with the Python number it gets eagerly (see the module doc); never rebound."""
    if depth > _USE_DEPTH:
        return False
    for node in function.nodes_of_class((nodes.Name, nodes.AssignName)):
        if node.name != name:
            continue
        if isinstance(node, nodes.AssignName):
            if not isinstance(node.parent, nodes.Arguments) or node.scope() is not function:
                return False  # rebound, or a name of a nested scope
            continue
        if node.scope() is not function or not _tensor_use(model, node, dtype, facts, depth):
            return False
    return True


def _tensor_use(model, node: nodes.NodeNG, dtype: str, facts: ShapeFacts, depth: int) -> bool:  # noqa: PLR0911
    parent = node.parent
    if isinstance(parent, nodes.UnaryOp) and parent.op in ("-", "+"):
        return _tensor_use(model, parent, dtype, facts, depth)
    if isinstance(parent, nodes.BinOp) and parent.op in ("+", "-", "*", "/", "//", "%", "**"):
        other = parent.right if parent.left is node else parent.left
        fact = facts.of(other)
        if fact.dtype != dtype:
            return False
        if fact.known and not fact.python and not fact.array:
            return True  # proven a TF tensor by the shape facts (``tape.gradient(loss, img)``)
        kind = model.kind(other) if other.root() is model.module else None
        return kind.kind.is_tensor if kind is not None else value_kind(other).is_tensor
    keyword = None
    if isinstance(parent, nodes.Keyword):
        keyword, parent = parent.arg, parent.parent
    if not isinstance(parent, nodes.Call) or node is parent.func:
        return False
    position = parent.args.index(node) if keyword is None and node in parent.args else None
    if keyword is None and position is None:
        return False
    func = parent.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    if qualified == "tensorflow.range":
        return keyword in (None, "start", "limit", "delta")
    if qualified == "tensorflow.clip_by_value":
        bound = keyword in ("clip_value_min", "clip_value_max") or position in (1, 2)
        return bound and bool(parent.args) and facts.of(parent.args[0]).dtype == dtype
    if qualified in ("tensorflow.random.uniform", "tensorflow.random.normal") or _generator_draw(func):
        bound = keyword in _DRAW_BOUNDS or (position is not None and position in _DRAW_BOUNDS.values())
        asked = keyword_value(parent, "dtype")
        return bound and (dtype_named(asked) if asked is not None else "float32") == dtype
    graph = CallGraph.of(parent.root(), model.settings)
    callee = graph.callee_of(parent)
    if not isinstance(callee, nodes.FunctionDef) or callee.args.vararg or callee.args.kwarg:
        return False
    bound = bind_arguments(parent, callee)
    inner = next((n for n, value in bound.values.items() if value is node), None)
    return inner is not None and used_as_tensor(model, callee, inner, dtype, facts, depth + 1)


def _generator_draw(func: nodes.NodeNG) -> bool:
    """``rng.uniform`` / ``rng.normal`` on ``rng = tf.random.Generator.from_seed(...)``."""
    if not (isinstance(func, nodes.Attribute) and func.attrname in ("uniform", "normal")
            and isinstance(func.expr, nodes.Name)):
        return False
    value = names.bound_value(func.expr)
    return isinstance(value, nodes.Call) and isinstance(value.func, (nodes.Name, nodes.Attribute)) \
        and names.qualified_name(value.func) in _GENERATOR_FACTORIES
