"""Static Python values: what an expression in traced code holds that cannot change per call.

A log line written while tracing is a bug only when it was meant to show a per-call value (a
tensor, which it formats as a symbolic ``Tensor("x:0", ...)``). Configuration notices -- literal
strings, module settings, the names and shapes of variables, exception objects -- are the same on
every trace; writing them once is what their author wants. ``is_static(expr)`` answers whether an
expression visibly holds such a value; when unsure (a parameter, which may be a tensor, or a local
computed from one) it answers False.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model import names
from pylint_hybridize.model.values import Kind, value_kind

# Attributes that describe an object (a tensor too) rather than hold its value: known at trace time.
_METADATA_ATTRIBUTES = frozenset(
    {"name", "shape", "dtype", "ndim", "rank", "__name__", "__class__", "__qualname__", "trainable", "device"}
)
# Builtins whose result depends only on the type/structure of their argument.
_METADATA_BUILTINS = frozenset({"type", "len", "isinstance", "id", "callable", "hasattr"})
# Builtins that return a static value when their arguments are static.
_PURE_BUILTINS = frozenset(
    {"str", "repr", "int", "float", "bool", "format", "sorted", "list", "tuple", "set", "dict", "min", "max",
     "sum", "abs", "round", "enumerate", "zip", "range", "getattr"}
)
_STATIC_KINDS = (Kind.SCALAR, Kind.BOOL, Kind.NONE)
_MAX_DEPTH = 8


def is_static(expr: nodes.NodeNG | None, _depth: int = 0) -> bool:
    """``expr`` holds a Python value fixed at trace time (never a tensor)."""
    if expr is None or _depth > _MAX_DEPTH:
        return False
    depth = _depth + 1
    if isinstance(expr, nodes.Const):
        return True
    if isinstance(expr, nodes.JoinedStr):
        return all(is_static(v, depth) for v in expr.values)
    if isinstance(expr, nodes.FormattedValue):
        return is_static(expr.value, depth)
    if isinstance(expr, (nodes.List, nodes.Tuple, nodes.Set)):
        return all(is_static(e, depth) for e in expr.elts)
    if isinstance(expr, nodes.Dict):
        return all(is_static(k, depth) and is_static(v, depth) for k, v in expr.items)
    if isinstance(expr, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp)):
        # [v.name for v in variables]: the element decides (the loop target is bound by the comprehension)
        return is_static(expr.elt, depth)
    if isinstance(expr, nodes.BinOp):
        return is_static(expr.left, depth) and is_static(expr.right, depth)
    if isinstance(expr, nodes.BoolOp):
        return all(is_static(v, depth) for v in expr.values)
    if isinstance(expr, nodes.Compare):
        if all(op in ("is", "is not") for op, _right in expr.ops):
            return True  # identity is decided in Python (a tensor is never None)
        return is_static(expr.left, depth) and all(is_static(right, depth) for _op, right in expr.ops)
    if isinstance(expr, nodes.UnaryOp):
        return is_static(expr.operand, depth)
    if isinstance(expr, nodes.IfExp):
        return is_static(expr.body, depth) and is_static(expr.orelse, depth)
    if isinstance(expr, nodes.Attribute):
        return expr.attrname in _METADATA_ATTRIBUTES or is_static(expr.expr, depth)
    if isinstance(expr, nodes.Subscript):
        return is_static(expr.value, depth) and is_static(expr.slice, depth)
    if isinstance(expr, nodes.Slice):
        return all(is_static(p, depth) for p in (expr.lower, expr.upper, expr.step) if p is not None)
    if isinstance(expr, nodes.Call):
        return _static_call(expr, depth)
    if isinstance(expr, nodes.Name):
        return _static_name(expr, depth)
    return False


def _static_call(call: nodes.Call, depth: int) -> bool:
    builtin = names.builtin_name(call.func)
    if builtin in _METADATA_BUILTINS:
        return True
    arguments = [*call.args, *(k.value for k in call.keywords or ())]
    if builtin in _PURE_BUILTINS:
        return all(is_static(a, depth) for a in arguments)
    func = call.func
    if isinstance(func, nodes.Attribute) and func.attrname in ("format", "join", "get", "keys", "values", "items",
                                                                "upper", "lower", "strip", "replace"):
        # "...".format(...), ", ".join(names), config.get("key")
        return is_static(func.expr, depth) and all(is_static(a, depth) for a in arguments)
    return False


def _static_name(name: nodes.Name, depth: int) -> bool:
    if names.builtin_name(name) is not None:
        return True
    try:
        scope, assignments = name.lookup(name.name)
    except Exception:  # pylint: disable=broad-except
        return False
    if not assignments:
        return False
    if isinstance(scope, (nodes.Module, nodes.ClassDef)):
        return True  # module settings, constants, imported names
    if isinstance(scope, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp, nodes.DictComp)):
        return True  # a comprehension target: the comprehension's element decides
    if any(not isinstance(a, nodes.AssignName) for a in assignments):
        return all(isinstance(a, (nodes.FunctionDef, nodes.ClassDef, nodes.Import, nodes.ImportFrom))
                   for a in assignments)
    if len(assignments) != 1:
        return False
    assignment = assignments[0]
    parent = assignment.parent
    if isinstance(parent, nodes.ExceptHandler):
        return True  # the exception object
    if isinstance(parent, nodes.Arguments):
        return _static_parameter(assignment, parent)
    if isinstance(parent, (nodes.For, nodes.Comprehension)) and parent.target is assignment:
        return is_static(parent.iter, depth)
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.targets[0] is assignment:
        return value_kind(parent.value) in _STATIC_KINDS or is_static(parent.value, depth)
    return False


def _static_parameter(assignment: nodes.AssignName, arguments: nodes.Arguments) -> bool:
    """``self``/``cls``, or a parameter whose default is a literal non-None Python value (a flag)."""
    function = arguments.parent
    positional = [*(arguments.posonlyargs or []), *(arguments.args or [])]
    if positional and positional[0] is assignment and isinstance(function, nodes.FunctionDef) \
            and isinstance(function.parent, nodes.ClassDef):
        return True
    try:
        default = arguments.default_value(assignment.name)
    except Exception:  # pylint: disable=broad-except  # NoDefault
        return False
    return isinstance(default, nodes.Const) and default.value is not None
