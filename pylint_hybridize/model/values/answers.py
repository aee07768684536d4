"""The vocabulary of the value model: the ``Kind`` of a value, the ``Basis`` an answer rests on, the
``Answer`` itself, and how answers combine; what a TF / NumPy / builtin call or a literal gives.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.syntax import names


class Kind(enum.Enum):
    TENSOR = "tensor"
    VARIABLE = "tf.Variable"
    ARRAY = "NumPy value"
    SCALAR = "Python scalar"  # int, float, str: one trace per distinct value
    BOOL = "Python bool"
    NONE = "None"
    CONTAINER = "Python container"  # list, tuple, dict, set (of anything, tensors included)
    OBJECT = "Python object"
    ITERATOR = "iterator"
    UNKNOWN = "unknown"

    @property
    def is_tensor_like(self) -> bool:
        return self in (Kind.TENSOR, Kind.VARIABLE, Kind.ARRAY)

    @property
    def is_tensor(self) -> bool:
        """A graph tensor (or tf.Variable) at trace time; NumPy values are not."""
        return self in (Kind.TENSOR, Kind.VARIABLE)

    @property
    def is_python_scalar(self) -> bool:
        return self in (Kind.SCALAR, Kind.BOOL)


class Basis(enum.IntEnum):
    """What an answer rests on, strongest first (a combination rests on its weakest part)."""

    CODE = 4
    HINT = 3
    CALL_SITE = 2
    ASSUMED = 1


@dataclass(frozen=True)
class Answer:
    kind: Kind
    basis: Basis = Basis.CODE
    dtype: str | None = None
    """For Python scalars and literal tensors: the dtype ``tf.constant`` gives (``int32``, ``float32``...)."""
    assumption: str | None = None
    """When ``basis`` is ASSUMED (or CALL_SITE), what was assumed / where the kind came from."""
    of_tensors: bool = False
    """A CONTAINER known to hold tensors (``tf.unstack(x)``; literal lists are not tracked yet)."""

    @property
    def is_tensor(self) -> bool:
        return self.kind.is_tensor

    @property
    def holds_tensors(self) -> bool:
        """A tensor, or a container known to hold tensors: what outlives a trace as a symbolic value
        when traced code stores it outside (a tf.Variable does not: it is not symbolic)."""
        return self.kind is Kind.TENSOR or (self.kind is Kind.CONTAINER and self.of_tensors)


UNKNOWN = Answer(Kind.UNKNOWN)


def weakest(*answers: Answer) -> tuple[Basis, str | None]:
    weakest = min(answers, key=lambda a: a.basis)
    return weakest.basis, weakest.assumption


def tf_call_kind(qualified: str) -> Kind:
    """Kind of the result of calling the TF/Keras/NumPy API ``qualified``."""
    if names.is_numpy(qualified):
        return Kind.ARRAY
    if not names.is_tensorflow(qualified):
        return Kind.UNKNOWN
    if qualified in catalogue.VARIABLE_CLASSES:
        return Kind.VARIABLE
    if qualified in catalogue.LIST_RETURNING:
        return Kind.CONTAINER
    if catalogue.non_tensor_tf(qualified):
        return Kind.UNKNOWN
    if catalogue.is_tf_class(qualified):
        return Kind.OBJECT  # a class: TensorSpec, GradientTape, TensorArray, ...
    return Kind.TENSOR


def agree(answers: list[Answer]) -> Answer:
    """One answer for several possible values: their common kind, else UNKNOWN.

    Tensor and tf.Variable agree as TENSOR; int and float scalars as SCALAR.
    """
    if not answers:
        return UNKNOWN
    kinds = {a.kind for a in answers}
    basis, assumption = weakest(*answers)
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind is Kind.UNKNOWN:
            return UNKNOWN
        dtypes = {a.dtype for a in answers}
        return Answer(kind, basis, dtypes.pop() if len(dtypes) == 1 else None, assumption,
                      of_tensors=all(a.of_tensors for a in answers))
    if kinds <= {Kind.TENSOR, Kind.VARIABLE}:
        return Answer(Kind.TENSOR, basis, assumption=assumption)
    return UNKNOWN


def tensor_from(*answers: Answer) -> Answer:
    """A tensor, on the strongest basis among the operands that are tensors."""
    strongest = max((a for a in answers if a.kind.is_tensor), key=lambda a: a.basis)
    return Answer(Kind.TENSOR, strongest.basis, assumption=strongest.assumption)


def literal_answer(value: object) -> Answer:
    if isinstance(value, bool):
        return Answer(Kind.BOOL, dtype="bool")
    if value is None:
        return Answer(Kind.NONE)
    if isinstance(value, (int, float, complex, str, bytes)):
        return Answer(Kind.SCALAR, dtype=catalogue.PYTHON_DTYPES.get(type(value)))
    return Answer(Kind.OBJECT)


def builtin_answer(builtin: str, call: nodes.Call) -> Answer:
    if builtin in catalogue.SCALAR_BUILTINS:
        dtype = {"float": "float32", "str": "string", "complex": "complex128", "bytes": "string"}.get(builtin, "int32")
        if builtin in ("abs", "round") and call.args:
            return Answer(Kind.SCALAR)  # dtype of the argument
        return Answer(Kind.SCALAR, dtype=dtype)
    if builtin == "bool":
        return Answer(Kind.BOOL, dtype="bool")
    if builtin in catalogue.CONTAINER_BUILTINS:
        return Answer(Kind.CONTAINER)
    if builtin in catalogue.ITERATOR_BUILTINS:
        return Answer(Kind.ITERATOR)
    if builtin in catalogue.OBJECT_BUILTINS:
        return Answer(Kind.OBJECT)
    return UNKNOWN


def arithmetic_dtype(op: str, left: str | None, right: str | None) -> str | None:
    """The dtype tf.constant gives ``left <op> right`` for Python numbers and strings."""
    if left is None or right is None:
        return None
    if "string" in (left, right):
        if op == "%" and left == "string":
            return "string"  # printf-style formatting: "step_%d" % i
        if op == "*" and {left, right} == {"string", "int32"}:
            return "string"  # repetition: "-" * n
        return "string" if op == "+" and left == right else None
    if op == "/" or "float32" in (left, right):
        return "float32"
    if op == "**":
        return None  # int ** negative int is a float
    return "int32"
