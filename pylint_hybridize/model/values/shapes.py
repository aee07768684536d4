"""Tensor shape facts (the vocabulary; ``values.shape_facts.ShapeFacts`` answers them): the rank, the dimensions where they are literal, and the dtype of what an
expression holds, and of what reaches a function's parameters from its visible call sites (what an
``input_signature`` needs).

A ``Shape`` is proven or it is ``None``-ranked (unknown). Facts come from literals and NumPy
arrays of known shape, ``tf.constant``/``convert_to_tensor``, ``np``/``tf`` constructors with a
literal shape (``zeros``, ``ones``, ``fill``, ``np.random.*(size=...)``, a NumPy ``Generator``'s
draws), ``tf.cast`` (keeps the shape), arithmetic (broadcast), ``tf.expand_dims``, indexing and
slicing, ``.numpy()``/``.astype``, ``tf.image.resize`` (keeps the rank and the last dimension),
``tf.shape`` (rank 1), reductions without an axis, ``tape.gradient`` (the shape of the sources),
Python numbers (rank 0, marked ``python``), the returns of project functions and, for a
parameter, every visible call site (a default for a call that leaves it out). Names are read
where they stand (astroid's reaching bindings) plus every binding of the name inside the loops
around them (a loop-carried value). Values that feed back into themselves (a loop-carried image,
a function's parameter that its own return reaches) are solved as a least fixpoint over a lattice
of finite height: ranks never change once known, dimensions only go to None.
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.hybrids.signature import literal_dims as written_dims
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import keyword_value
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES

RANK_LIMIT = 8

DTYPES = frozenset({
    "float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
    "uint32", "uint64", "bool", "complex64", "complex128", "string",
})
NUMPY_DEFAULT = "float64"
TF_DEFAULT = "float32"


@dataclass(frozen=True)
class Shape:
    """What a value is, as a tensor: ``dims`` (None: rank unknown; an entry None: that dimension
    unknown), ``dtype`` (None: unknown), ``array`` (it may be a NumPy array), ``python`` (it may be a Python number or a nested list of
    them: each value a trace of its own unless a signature converts it), ``varies`` (facts that
    disagreed on a dimension were joined: the shape changes between calls or iterations)."""

    dims: tuple[int | None, ...] | None
    dtype: str | None = None
    python: bool = False
    varies: bool = False
    array: bool = False
    """It may be a NumPy array (not a TF tensor: arithmetic with a Python number stays NumPy)."""

    @property
    def known(self) -> bool:
        return self.dims is not None

    @property
    def rank(self) -> int | None:
        return None if self.dims is None else len(self.dims)


UNKNOWN = Shape(None)


def join(one: Shape | None, other: Shape | None) -> Shape | None:
    """The fact true of either value (None: no value seen yet)."""
    if one is None:
        return other
    if other is None or one == other:
        return one
    if one.dims is None or other.dims is None or len(one.dims) != len(other.dims):
        return UNKNOWN
    dims = tuple(a if a == b else None for a, b in zip(one.dims, other.dims))
    return Shape(
        dims, one.dtype if one.dtype == other.dtype else None, one.python or other.python,
        one.varies or other.varies or dims != one.dims or dims != other.dims, one.array or other.array,
    )


def broadcast(one: Shape, other: Shape, dtype: str | None) -> Shape:
    """The shape of an elementwise operation of ``one`` and ``other`` (NumPy's broadcasting)."""
    if one.dims is None or other.dims is None:
        return UNKNOWN
    longer, shorter = (one.dims, other.dims) if len(one.dims) >= len(other.dims) else (other.dims, one.dims)
    padded = (1,) * (len(longer) - len(shorter)) + shorter
    dims: list[int | None] = []
    for a, b in zip(longer, padded):
        if a == 1:
            dims.append(b)
        elif b == 1 or a == b:
            dims.append(a)
        elif a is None or b is None:
            dims.append(a if b is None else b)  # the unknown one is 1 or equal: the known one
        else:
            return UNKNOWN  # fails eagerly: nothing to say
    # NumPy with NumPy or a Python number stays NumPy; with a tensor, TF converts it
    array = (one.array or other.array) and (one.array or one.python) and (other.array or other.python)
    return Shape(tuple(dims), dtype, one.python and other.python, one.varies or other.varies, array)


def dtype_named(node: nodes.NodeNG | None) -> str | None:
    """``tf.float32``, ``np.float32``, ``"float32"``, ``float`` (NumPy: float64) as a dtype name."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value if node.value in DTYPES else None
    if isinstance(node, nodes.Name) and node.name in ("float", "int", "bool"):
        return {"float": "float64", "int": "int64", "bool": "bool"}[node.name]
    if isinstance(node, (nodes.Name, nodes.Attribute)):
        qualified = names.qualified_name(node) or ""
        last = qualified.rsplit(".", 1)[-1]
        if qualified.startswith(("tensorflow.", "numpy.")) and last in DTYPES:
            return last
        if qualified in ("numpy.float_", "numpy.double"):
            return "float64"
    return None


def int_literal(node: nodes.NodeNG | None) -> int | None:
    """``3`` or ``-1`` written out."""
    if isinstance(node, nodes.Const) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, nodes.UnaryOp) and node.op == "-" and isinstance(node.operand, nodes.Const) \
            and isinstance(node.operand.value, int) and not isinstance(node.operand.value, bool):
        return -node.operand.value
    return None


def python_number(value: object) -> Shape:
    if isinstance(value, bool):
        return Shape((), "bool", python=True)
    if isinstance(value, int):
        return Shape((), "int32", python=True)
    if isinstance(value, float):
        return Shape((), "float32", python=True)
    return UNKNOWN


def literal_dims(node: nodes.NodeNG) -> tuple[int | None, ...] | None:
    """A shape argument written out: ``(48, 48, 3)``, ``[2]``, ``5`` (NumPy's one-dimensional form);
    an entry that is no literal int is an unknown dimension (``signature.literal_dims``, the one reader
    of a written shape, in its array form)."""
    return written_dims(node, array_rank=RANK_LIMIT)


KEEPS_SHAPE = frozenset({
    "tensorflow.identity", "tensorflow.clip_by_value", "tensorflow.zeros_like", "tensorflow.ones_like",
    "tensorflow.roll", "tensorflow.stop_gradient", "tensorflow.abs", "tensorflow.math.abs", "tensorflow.exp",
    "tensorflow.math.exp", "tensorflow.math.log", "tensorflow.sqrt", "tensorflow.math.sqrt", "tensorflow.square",
    "tensorflow.math.square", "tensorflow.tanh", "tensorflow.math.tanh", "tensorflow.sin", "tensorflow.math.sin",
    "tensorflow.cos", "tensorflow.math.cos", "tensorflow.nn.relu", "tensorflow.sigmoid", "tensorflow.math.sigmoid",
    "tensorflow.negative", "tensorflow.math.negative", "numpy.copy", "numpy.abs", "numpy.exp", "numpy.clip",
})
ELEMENTWISE = frozenset({
    "tensorflow.add", "tensorflow.math.add", "tensorflow.subtract", "tensorflow.math.subtract", "tensorflow.multiply",
    "tensorflow.math.multiply", "tensorflow.maximum", "tensorflow.math.maximum", "tensorflow.minimum",
    "tensorflow.math.minimum",
})
REDUCTIONS = frozenset({"reduce_mean", "reduce_sum", "reduce_max", "reduce_min", "reduce_std", "reduce_prod",
                         "reduce_variance"})
NUMPY_DRAWS = frozenset({"uniform", "normal", "random", "standard_normal", "integers", "randint", "random_sample",
                          "rand", "randn"})


def numpy_draw(call: nodes.Call, method: str) -> Shape:
    if method in ("rand", "randn"):
        dims = tuple(a.value if isinstance(a, nodes.Const) and isinstance(a.value, int) else None for a in call.args)
        return Shape(dims, "float64", array=True) if len(dims) <= RANK_LIMIT and not call.keywords else UNKNOWN
    size = keyword_value(call, "size")
    if size is None:
        return UNKNOWN  # one Python float
    dims = literal_dims(size)
    if dims is None or keyword_value(call, "dtype") is not None:
        return UNKNOWN
    return Shape(dims, "int64" if method in ("integers", "randint") else "float64", array=True)


def sliced_length(dim: int | None, item: nodes.Slice) -> int | None:
    """The length of ``dim`` sliced by literal bounds (None when either is unknown)."""
    bounds = []
    for part in (item.lower, item.upper, item.step):
        value = int_literal(part)
        if part is not None and value is None:
            return None
        bounds.append(value)
    if bounds == [None, None, None]:
        return dim
    if dim is None or bounds[2] == 0:
        return None
    return len(range(dim)[slice(*bounds)])


def loop_carried(name: nodes.Name, scope: nodes.NodeNG) -> list[nodes.AssignName]:
    """The bindings of ``name`` inside the loops around it, in its scope (a value the previous
    iteration left: astroid's reaching bindings stop at the statements before the use), up to the
    first loop whose body rebinds the name in a plain statement before the use (every iteration
    passes it first: nothing older reaches the use)."""
    found: list[nodes.AssignName] = []
    child, parent = name, name.parent
    while parent is not None and parent is not scope and not isinstance(parent, (*FUNCTION_TYPES, nodes.ClassDef)):
        if isinstance(parent, (nodes.For, nodes.While)):
            if child in parent.body and any(
                isinstance(statement, (nodes.Assign, nodes.AugAssign, nodes.AnnAssign))
                and any(b.name == name.name for b in statement.nodes_of_class(nodes.AssignName))
                for statement in parent.body[: parent.body.index(child)]
            ):
                break
            found += [b for b in parent.nodes_of_class(nodes.AssignName)
                      if b.name == name.name and b.scope() is scope and b not in found]
        child, parent = parent, parent.parent
    return found


def is_gradient_tape(expr: nodes.NodeNG) -> bool:
    """``tape`` bound by ``with tf.GradientTape() as tape``."""
    if not isinstance(expr, nodes.Name):
        return False
    found = names.lookup(expr, builtins=False)
    if found is None or not found[1]:
        return False
    for binding in found[1]:
        with_statement = binding.parent
        if not isinstance(with_statement, nodes.With):
            return False
        for manager, target in with_statement.items:
            if target is binding:
                if not (isinstance(manager, nodes.Call) and isinstance(manager.func, (nodes.Name, nodes.Attribute))
                        and names.qualified_name(manager.func) == "tensorflow.GradientTape"):
                    return False
                break
        else:
            return False
    return True
