"""Shapes the code states literally: the one ``input_signature`` parser, and the shapes of arguments.

``parse_input_signature(node)`` reads ``input_signature=[tf.TensorSpec([None, 4], tf.float32), ...]``
as written (``HybridFunction.signature`` is its cached form); ``literal_shape(expr)`` gives the
shape of a tensor built from literals (``tf.zeros([2, 3])``, ``tf.constant([[1.0, 2.0]])``).
Syntactic only: a shape or dtype that is not a literal is None.
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import argument_at

Shape = tuple[int | None, ...]


@dataclass(frozen=True)
class Spec:
    """One element of an ``input_signature``, for the parameter at its position."""

    node: nodes.NodeNG
    """The element as written (a ``tf.TensorSpec(...)`` call, or anything else)."""
    shape: Shape | None = None
    """Literal dimensions (None for an unknown dimension); None when the element is not a
    ``tf.TensorSpec`` with a literal shape."""
    shape_node: nodes.NodeNG | None = None
    """The shape argument of the TensorSpec as written."""
    dtype: str | None = None
    """``float32``, ``int32``...: the TensorSpec's literal dtype; None when absent or not literal."""

    @property
    def is_tensor_spec(self) -> bool:
        return _is_tensor_spec(self.node)


def parse_input_signature(signature: nodes.NodeNG | None) -> list[Spec] | None:
    """The specs of a literal ``[tf.TensorSpec(...), ...]`` (one per positional parameter);
    None when there is no signature or it is not a list/tuple literal."""
    if not isinstance(signature, (nodes.List, nodes.Tuple)):
        return None
    return [_spec(element) for element in signature.elts]


@dataclass(frozen=True)
class Rejected:
    """An argument whose literal shape a fixed dimension of the input_signature rejects."""

    argument: nodes.NodeNG
    index: int
    """Its position (the spec's)."""
    passed: Shape
    """The shape it has."""


def rejected_shapes(specs: list[Spec], calls: list[nodes.Call]) -> tuple[list[Rejected], dict[int, set[int]]]:
    """The positional arguments of ``calls`` passing a literal shape (``tf.zeros([2, 3])``) of the
    spec's rank that a fixed dimension of ``specs`` rejects, in call order; and for each position the
    dimensions that differ at some call (the ones to relax to None)."""
    rejected: list[Rejected] = []
    varying: dict[int, set[int]] = {}
    for call in calls:
        for index, argument in enumerate(call.args):
            if index >= len(specs) or specs[index].shape is None:
                break
            spec_shape = specs[index].shape
            passed = literal_shape(argument)
            if passed is None or len(passed) != len(spec_shape):
                continue
            differing = {d for d, (want, got) in enumerate(zip(spec_shape, passed)) if want is not None and want != got}
            if differing:
                rejected.append(Rejected(argument, index, passed))
                varying.setdefault(index, set()).update(differing)
    return rejected, varying


def _is_tensor_spec(node: nodes.NodeNG) -> bool:
    return (
        isinstance(node, nodes.Call)
        and isinstance(node.func, (nodes.Name, nodes.Attribute))
        and names.qualified_name(node.func) == "tensorflow.TensorSpec"
    )


def _spec(element: nodes.NodeNG) -> Spec:
    if not _is_tensor_spec(element):
        return Spec(element)
    shape_node = argument_at(element, 0, "shape")
    dtype_node = argument_at(element, 1, "dtype")
    return Spec(element, literal_dims(shape_node), shape_node, _dtype_name(dtype_node))


def _dtype_name(node: nodes.NodeNG | None) -> str | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    if isinstance(node, (nodes.Name, nodes.Attribute)):
        qualified = names.qualified_name(node)
        if qualified and qualified.startswith(("tensorflow.dtypes.", "tensorflow.")):
            return qualified.rsplit(".", 1)[-1]
    return None


def literal_dims(node: nodes.NodeNG | None, array_rank: int | None = None) -> Shape | None:
    """A shape as written. By default a TensorSpec's: ``[None, 4]`` / ``(2, 3)``, ints and None (a
    dimension left unknown) only; None otherwise. With ``array_rank``, an array or tensor factory's
    shape argument of at most that many dimensions (``np.zeros((n, 3))``: ``(None, 3)``): a bare int
    is one dimension (NumPy's one-dimensional form), and an entry that is no literal int (a name; a
    None, which a factory does not allow) is an unknown dimension."""
    if array_rank is not None and isinstance(node, nodes.Const) and type(node.value) is int:
        return (node.value,)
    if not isinstance(node, (nodes.List, nodes.Tuple)) or (array_rank is not None and len(node.elts) > array_rank):
        return None
    dims: list[int | None] = []
    for element in node.elts:
        if isinstance(element, nodes.Const) and type(element.value) is int:
            dims.append(element.value)
        elif array_rank is not None or (isinstance(element, nodes.Const) and element.value is None):
            dims.append(None)
        else:
            return None
    return tuple(dims)


def literal_shape(argument: nodes.NodeNG) -> Shape | None:
    """Shape of ``tf.zeros([2, 3])``-like factories and ``tf.constant(<nested list literal>)``."""
    if not isinstance(argument, nodes.Call) or not isinstance(argument.func, (nodes.Name, nodes.Attribute)):
        return None
    qualified = names.qualified_name(argument.func)
    if qualified in catalogue.SHAPE_FACTORIES and qualified not in catalogue.RANGE_FACTORIES and argument.args:
        return literal_dims(argument.args[0])
    if qualified == "tensorflow.constant" and argument.args:
        return _nested_list_shape(argument.args[0])
    return None


def _nested_list_shape(node: nodes.NodeNG) -> Shape | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return ()
    if isinstance(node, (nodes.List, nodes.Tuple)) and node.elts:
        inner = [_nested_list_shape(e) for e in node.elts]
        if any(i is None for i in inner) or any(i != inner[0] for i in inner):
            return None
        return (len(node.elts), *inner[0])  # type: ignore[misc]
    return None
