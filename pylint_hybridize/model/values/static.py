"""Static Python values: what an expression in traced code holds that cannot change per call
(``is_static``, ``is_static_value``), and whether a printed expression shows a tensor's value
(``shows_tensor_value``).

A log line written while tracing is a bug only when it was meant to show a per-call value (a
tensor, which it formats as a symbolic ``Tensor("x:0", ...)``). Configuration notices -- literal
strings, module settings, the names and shapes of variables, exception objects -- are the same on
every trace; writing them once is what their author wants. ``is_static(expr)`` answers whether an
expression visibly holds such a value; when unsure (a parameter, which may be a tensor, or a local
computed from one) it answers False.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.values.answers import Kind
from pylint_hybridize.model.values.kinds import value_kind

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
_MAX_DEPTH = 24  # names are followed once each (cycles stop at the visiting set)


def is_static(expr: nodes.NodeNG | None, traced=frozenset()) -> bool:
    """``expr`` holds a Python value fixed at trace time (never a tensor).

    ``traced``: the functions that run at trace time; a name bound in an enclosing function that is
    not one of them is a closure constant of the traced code (a tensor captured from eager code
    is a constant of the graph too)."""
    return _Static(traced).check(expr, 0)


class _Static:
    def __init__(self, traced) -> None:
        self.traced = traced
        self.visiting: set[tuple[str, nodes.NodeNG]] = set()

    def check(self, expr: nodes.NodeNG | None, depth: int) -> bool:  # noqa: C901, PLR0911
        if expr is None or depth > _MAX_DEPTH:
            return False
        depth += 1
        if isinstance(expr, nodes.Const):
            return True
        if isinstance(expr, nodes.JoinedStr):
            return all(self.check(v, depth) for v in expr.values)
        if isinstance(expr, nodes.FormattedValue):
            return self.check(expr.value, depth)
        if isinstance(expr, (nodes.List, nodes.Tuple, nodes.Set)):
            return all(self.check(e, depth) for e in expr.elts)
        if isinstance(expr, nodes.Dict):
            return all(self.check(k, depth) and self.check(v, depth) for k, v in expr.items)
        if isinstance(expr, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp)):
            # [v.name for v in variables]: the element decides (the comprehension binds the target)
            return self.check(expr.elt, depth)
        if isinstance(expr, nodes.BinOp):
            return self.check(expr.left, depth) and self.check(expr.right, depth)
        if isinstance(expr, nodes.BoolOp):
            return all(self.check(v, depth) for v in expr.values)
        if isinstance(expr, nodes.Compare):
            if all(op in ("is", "is not") for op, _right in expr.ops):
                return True  # identity is decided in Python (a tensor is never None)
            return self.check(expr.left, depth) and all(self.check(right, depth) for _op, right in expr.ops)
        if isinstance(expr, nodes.UnaryOp):
            return self.check(expr.operand, depth)
        if isinstance(expr, nodes.IfExp):
            return self.check(expr.body, depth) and self.check(expr.orelse, depth)
        if isinstance(expr, nodes.Attribute):
            return expr.attrname in _METADATA_ATTRIBUTES or self.check(expr.expr, depth)
        if isinstance(expr, nodes.Subscript):
            return self.check(expr.value, depth) and self.check(expr.slice, depth)
        if isinstance(expr, nodes.Slice):
            return all(self.check(p, depth) for p in (expr.lower, expr.upper, expr.step) if p is not None)
        if isinstance(expr, nodes.Call):
            return self._call(expr, depth)
        if isinstance(expr, nodes.Name):
            return self._name(expr, depth)
        return False

    def _call(self, call: nodes.Call, depth: int) -> bool:
        builtin = names.builtin_name(call.func)
        if builtin in _METADATA_BUILTINS:
            return True
        arguments = [*call.args, *(k.value for k in call.keywords or ())]
        if not all(self.check(a, depth) for a in arguments):
            return False
        if builtin is not None:
            return builtin in _PURE_BUILTINS
        func = call.func
        qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
        if qualified is not None:
            # a library function of static values (re.search(pattern, v.name), os.path.join(...));
            # TF/Keras/NumPy calls make tensors and arrays
            return names.root_package(qualified) not in ("tensorflow", "keras", "numpy", "jax")
        # "...".format(...), ", ".join(names), config.get("key"), match.group(1): a method of a static value
        return isinstance(func, nodes.Attribute) and self.check(func.expr, depth)

    def _name(self, name: nodes.Name, depth: int) -> bool:
        return names.bound_as(name, lambda scope, assignments: self._bound_statically(name, scope, assignments, depth))

    def _bound_statically(self, name: nodes.Name, scope: nodes.NodeNG, assignments: list, depth: int) -> bool:
        if isinstance(scope, (nodes.Module, nodes.ClassDef)):
            return True  # module settings, constants, imported names
        if isinstance(scope, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp, nodes.DictComp)):
            return True  # a comprehension target: the comprehension's element decides
        if any(not isinstance(a, nodes.AssignName) for a in assignments):
            return all(isinstance(a, (nodes.FunctionDef, nodes.ClassDef, nodes.Import, nodes.ImportFrom))
                       for a in assignments)
        if isinstance(scope, nodes.FunctionDef) and scope is not name.scope() and scope not in self.traced:
            return True  # a closure constant of the traced code, bound by eager code
        key = (name.name, scope)
        if key in self.visiting:
            return True  # n = max(n, ...): its other assignments decide
        self.visiting.add(key)
        return all(self._binding(a, depth) for a in assignments)

    def _binding(self, assignment: nodes.AssignName, depth: int) -> bool:
        parent = assignment.parent
        if isinstance(parent, nodes.ExceptHandler):
            return True  # the exception object
        if isinstance(parent, nodes.Arguments):
            return _static_parameter(assignment, parent)
        if isinstance(parent, (nodes.For, nodes.Comprehension)) and parent.target is assignment:
            return self.check(parent.iter, depth)
        if isinstance(parent, nodes.AugAssign):
            return self.check(parent.value, depth)
        if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.targets[0] is assignment:
            return value_kind(parent.value) in _STATIC_KINDS or self.check(parent.value, depth)
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


# -- static values ------------------------------------------------------------------------------
_STATIC_ATTRIBUTES = frozenset({"shape", "dtype", "name", "ndim", "rank", "__name__", "__class__"})
_STATIC_METHODS = frozenset({"as_list", "get_shape", "numel"})


def is_static_value(expr: nodes.NodeNG | None, _depth: int = 0) -> bool:
    """A value Python knows at trace time: a literal, a tensor's ``.shape``/``.dtype``/``.name``, or
    something built from those (``f"{x.shape}"``, ``x.shape[-1]``, ``str(x.dtype)``, ``type(x)``)."""
    if expr is None or _depth > 6:
        return False
    if isinstance(expr, nodes.Const):
        return True
    if isinstance(expr, nodes.Name):
        return value_kind(expr) in (Kind.SCALAR, Kind.BOOL, Kind.NONE)
    if isinstance(expr, nodes.JoinedStr):
        return all(is_static_value(v, _depth + 1) for v in expr.values)
    if isinstance(expr, nodes.FormattedValue):
        return is_static_value(expr.value, _depth + 1)
    if isinstance(expr, nodes.Attribute):
        return expr.attrname in _STATIC_ATTRIBUTES
    if isinstance(expr, nodes.Subscript):
        return is_static_value(expr.value, _depth + 1)
    if isinstance(expr, nodes.BinOp):
        return is_static_value(expr.left, _depth + 1) and is_static_value(expr.right, _depth + 1)
    if isinstance(expr, (nodes.Tuple, nodes.List)):
        return all(is_static_value(e, _depth + 1) for e in expr.elts)
    if isinstance(expr, nodes.Call):
        func = expr.func
        if isinstance(func, nodes.Attribute) and func.attrname in _STATIC_METHODS:
            return is_static_value(func.expr, _depth + 1) or func.attrname == "get_shape"
        if isinstance(func, nodes.Attribute) and func.attrname == "format":
            return is_static_value(func.expr, _depth + 1) and all(
                is_static_value(a, _depth + 1) for a in [*expr.args, *(k.value for k in expr.keywords or ())]
            )
        builtin = names.builtin_name(func)
        if builtin == "type":
            return True
        if builtin in ("str", "repr", "len", "tuple", "list"):
            return all(is_static_value(a, _depth + 1) for a in expr.args)
    return False


def shows_tensor_value(expr: nodes.NodeNG | None) -> bool:
    """Some part of ``expr`` is shown to be a tensor, outside ``.shape``/``.dtype``/``.name`` reads:
    ``print(x)``, ``f"{x}"``, ``"%s" % x`` with ``x`` a tensor; not ``print(x.shape)``."""
    if expr is None:
        return False
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Attribute) and node.attrname in _STATIC_ATTRIBUTES:
            continue
        if isinstance(node, (nodes.Name, nodes.Call, nodes.Subscript, nodes.BinOp)) and value_kind(node).is_tensor_like:
            return True
        if isinstance(node, (nodes.Lambda, nodes.FunctionDef)):
            continue
        stack.extend(node.get_children())
    return False
