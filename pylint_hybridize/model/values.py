"""What kind of value an expression holds, as far as the code shows.

tf.function keys its trace cache on *Python* values but only on the shape and
dtype of tensors, so the distinction that matters is tensor (or array, which is
converted to one) versus Python scalar versus other Python object. Everything
here is syntactic plus ``lookup``; when unsure the answer is ``UNKNOWN``.
"""

from __future__ import annotations

import enum

from astroid import nodes

from pylint_hybridize.model import names


class Kind(enum.Enum):
    TENSOR = "tensor"
    VARIABLE = "tf.Variable"
    ARRAY = "NumPy value"
    SCALAR = "Python scalar"  # int, float, str: one trace per distinct value
    BOOL = "Python bool"
    NONE = "None"
    OBJECT = "Python object"
    UNKNOWN = "unknown"

    @property
    def is_tensor_like(self) -> bool:
        return self in (Kind.TENSOR, Kind.VARIABLE, Kind.ARRAY)


# tf.<module>.* that do not return tensors.
_NON_TENSOR_TF_MODULES = (
    "tensorflow.data.",
    "tensorflow.summary.",
    "tensorflow.config.",
    "tensorflow.distribute.",
    "tensorflow.io.gfile.",
    "tensorflow.saved_model.",
    "tensorflow.nest.",
    "tensorflow.train.",
    "tensorflow.autograph.",
    "tensorflow.test.",
    "tensorflow.errors.",
    "tensorflow.dtypes.",
    "tensorflow.experimental.",
    "tensorflow.sysconfig.",
    "tensorflow.lite.",
    "tensorflow.estimator.",
    "tensorflow.types.",
)
_NON_TENSOR_TF_FUNCTIONS = frozenset(
    {
        "tensorflow.function",
        "tensorflow.print",
        "tensorflow.executing_eagerly",
        "tensorflow.get_logger",
        "tensorflow.init_scope",
        "tensorflow.name_scope",
        "tensorflow.device",
        "tensorflow.control_dependencies",
        "tensorflow.is_tensor",
        "tensorflow.get_static_value",
        "tensorflow.as_dtype",
        "tensorflow.py_function",  # returns tensors, but see execution-mode rules
    }
)
_SCALAR_BUILTINS = frozenset({"len", "int", "float", "round", "str", "abs", "ord", "hash", "id"})
_MAX_DEPTH = 6


def tf_call_kind(qualified: str) -> Kind:
    """Kind of the result of calling the TF/Keras/NumPy API ``qualified``."""
    if names.is_numpy(qualified):
        return Kind.ARRAY
    if not names.is_tensorflow(qualified):
        return Kind.UNKNOWN
    if qualified in ("tensorflow.Variable",):
        return Kind.VARIABLE
    if qualified in _NON_TENSOR_TF_FUNCTIONS or qualified.startswith(_NON_TENSOR_TF_MODULES):
        return Kind.UNKNOWN
    last = qualified.rsplit(".", 1)[-1]
    if last[:1].isupper():
        return Kind.OBJECT  # a class: TensorSpec, GradientTape, TensorArray, ...
    return Kind.TENSOR


def value_kind(expr: nodes.NodeNG | None, _depth: int = 0) -> Kind:
    """Best syntactic guess of what ``expr`` evaluates to."""
    if expr is None or _depth > _MAX_DEPTH:
        return Kind.UNKNOWN
    if isinstance(expr, nodes.Const):
        value = expr.value
        if isinstance(value, bool):
            return Kind.BOOL
        if value is None:
            return Kind.NONE
        if isinstance(value, (int, float, complex, str, bytes)):
            return Kind.SCALAR
        return Kind.OBJECT
    if isinstance(expr, (nodes.List, nodes.Tuple, nodes.Dict, nodes.Set, nodes.ListComp, nodes.DictComp, nodes.SetComp)):
        return Kind.OBJECT
    if isinstance(expr, nodes.Call):
        return _call_kind(expr, _depth)
    if isinstance(expr, nodes.BinOp):
        return _combine(value_kind(expr.left, _depth + 1), value_kind(expr.right, _depth + 1))
    if isinstance(expr, nodes.UnaryOp):
        if expr.op == "not":
            operand = value_kind(expr.operand, _depth + 1)
            return Kind.TENSOR if operand.is_tensor_like else Kind.BOOL if operand is not Kind.UNKNOWN else Kind.UNKNOWN
        return value_kind(expr.operand, _depth + 1)
    if isinstance(expr, nodes.Subscript):
        container = value_kind(expr.value, _depth + 1)
        return Kind.TENSOR if container.is_tensor_like else Kind.UNKNOWN
    if isinstance(expr, nodes.Name):
        return _name_kind(expr, _depth)
    return Kind.UNKNOWN


def _combine(left: Kind, right: Kind) -> Kind:
    if Kind.TENSOR in (left, right) or Kind.VARIABLE in (left, right):
        return Kind.TENSOR
    if Kind.ARRAY in (left, right):
        return Kind.ARRAY
    if left is Kind.SCALAR and right in (Kind.SCALAR, Kind.BOOL):
        return Kind.SCALAR
    if right is Kind.SCALAR and left is Kind.BOOL:
        return Kind.SCALAR
    return Kind.UNKNOWN


def _call_kind(call: nodes.Call, depth: int) -> Kind:
    func = call.func
    builtin = names.builtin_name(func)
    if builtin in _SCALAR_BUILTINS:
        return Kind.SCALAR
    if builtin == "bool":
        return Kind.BOOL
    if builtin in ("list", "tuple", "dict", "set", "object"):
        return Kind.OBJECT
    if isinstance(func, (nodes.Name, nodes.Attribute)):
        qualified = names.qualified_name(func)
        if qualified is not None:
            return tf_call_kind(qualified)
    if isinstance(func, nodes.Name):
        try:
            _scope, assignments = func.lookup(func.name)
        except Exception:  # pylint: disable=broad-except
            return Kind.UNKNOWN
        if len(assignments) == 1 and isinstance(assignments[0], nodes.ClassDef):
            return Kind.OBJECT  # a new instance of a project class
    if isinstance(func, nodes.Attribute):
        receiver = value_kind(func.expr, depth + 1)
        if receiver.is_tensor_like and func.attrname == "numpy":
            return Kind.ARRAY
    return Kind.UNKNOWN


def _name_kind(name: nodes.Name, depth: int) -> Kind:
    try:
        _scope, assignments = name.lookup(name.name)
    except Exception:  # pylint: disable=broad-except
        return Kind.UNKNOWN
    if len(assignments) != 1:
        return Kind.UNKNOWN
    assignment = assignments[0]
    if not isinstance(assignment, nodes.AssignName):
        return Kind.UNKNOWN
    parent = assignment.parent
    if isinstance(parent, nodes.Arguments):
        return _parameter_kind(assignment, parent)
    if isinstance(parent, (nodes.For, nodes.Comprehension)) and parent.target is assignment:
        return loop_target_kind(parent.iter)
    if (
        isinstance(parent, nodes.Tuple)
        and parent.elts
        and parent.elts[0] is assignment
        and isinstance(parent.parent, (nodes.For, nodes.Comprehension))
        and parent.parent.target is parent
        and isinstance(parent.parent.iter, nodes.Call)
        and names.builtin_name(parent.parent.iter.func) == "enumerate"
    ):
        return Kind.SCALAR  # the index of enumerate()
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.targets[0] is assignment:
        return value_kind(parent.value, depth + 1)
    return Kind.UNKNOWN


def loop_target_kind(iterable: nodes.NodeNG) -> Kind:
    """What ``for x in <iterable>`` binds ``x`` to."""
    if isinstance(iterable, nodes.Call):
        builtin = names.builtin_name(iterable.func)
        if builtin == "range":
            return Kind.SCALAR
        if isinstance(iterable.func, (nodes.Name, nodes.Attribute)):
            qualified = names.qualified_name(iterable.func)
            if qualified == "tensorflow.range":
                return Kind.TENSOR
    if isinstance(iterable, (nodes.List, nodes.Tuple)) and iterable.elts:
        kinds = {value_kind(element) for element in iterable.elts}
        if len(kinds) == 1:
            return kinds.pop()
    return Kind.UNKNOWN


def _parameter_kind(assignment: nodes.AssignName, arguments: nodes.Arguments) -> Kind:
    """A parameter is a tensor when the hybrid it belongs to has an input_signature."""
    function = arguments.parent
    from pylint_hybridize.model.contexts import is_keras_call_input  # pylint: disable=import-outside-toplevel

    if is_keras_call_input(assignment, arguments):
        return Kind.TENSOR  # Keras calls Layer.call with tensors (symbolic under fit and when building)
    if not isinstance(function, nodes.FunctionDef) or not function.decorators:
        return Kind.UNKNOWN
    for decorator in function.decorators.nodes:
        if not isinstance(decorator, nodes.Call):
            continue
        if names.qualified_name(decorator.func) != "tensorflow.function":
            continue
        for keyword in decorator.keywords or ():
            if keyword.arg == "input_signature" and not (
                isinstance(keyword.value, nodes.Const) and keyword.value.value is None
            ):
                positional = [a.name for a in (arguments.posonlyargs + (arguments.args or []))]
                if positional and positional[0] in ("self", "cls"):
                    positional = positional[1:]
                if assignment.name in positional:
                    return Kind.TENSOR
    return Kind.UNKNOWN
