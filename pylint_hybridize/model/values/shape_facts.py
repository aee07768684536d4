"""The shape facts of a package's values (``ShapeFacts``): what an expression holds as a tensor
(``values.shapes.Shape``), and what reaches a function's parameters from its visible call sites or
what it returns, solved as a least fixpoint (see ``values.shapes`` for the rules and the lattice).
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.calls.graph import CallGraph
from pylint_hybridize.model.catalogue.spellings import EXTERNAL_ROOTS
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import argument_at, argument_or_default
from pylint_hybridize.model.values.shapes import (
    ELEMENTWISE, KEEPS_SHAPE, NUMPY_DEFAULT, NUMPY_DRAWS, RANK_LIMIT, REDUCTIONS, TF_DEFAULT, UNKNOWN, Shape,
    broadcast, dtype_named, int_literal, is_gradient_tape, join, literal_dims, loop_carried, numpy_draw,
    python_number, sliced_length,
)

_ROUNDS = 8
_BUDGET = 20000  # evaluations per question set: past it, everything left is unknown


class ShapeFacts:
    """The shape facts of a package's values, asked from one module's call graph (``CallGraph.of``
    answers for the others). One instance per question set: its fixpoint tables are kept inside."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._done: dict[object, Shape | None] = {}
        self._assumed: dict[object, Shape | None] = {}
        self._open: dict[object, int] = {}
        self._low = 1 << 30
        self._spent = 0
        # answers that read an assumption still open, valid while no assumption changes
        self._transient: dict[object, tuple[int, Shape | None, int, object]] = {}
        self._stack: list[object] = []
        self._version = 0

    # -- the fixpoint ---------------------------------------------------------------
    def _solve(self, key: object, compute) -> Shape | None:
        if key in self._done:
            return self._done[key]
        if key in self._open:
            self._low = min(self._low, self._open[key])
            return self._assumed.get(key)
        kept = self._transient.get(key)
        if kept is not None and kept[0] == self._version and kept[2] < len(self._stack) \
                and self._stack[kept[2]] == kept[3]:
            self._low = min(self._low, kept[2])
            return kept[1]
        self._spent += 1
        if self._spent > _BUDGET or len(self._open) > 200:
            return UNKNOWN
        index = len(self._open)
        self._open[key] = index
        self._stack.append(key)
        outer_low = self._low
        result: Shape | None = UNKNOWN
        for _ in range(_ROUNDS):
            self._low = 1 << 30
            result = compute()
            if self._low != index:
                break
            previous = self._assumed.get(key)
            merged = join(previous, result)
            if merged == previous:
                result = merged
                break
            self._assumed[key] = merged
            self._version += 1
        else:
            result = UNKNOWN
        del self._open[key]
        self._stack.pop()
        if self._low >= index:
            self._done[key] = result
            if self._assumed.pop(key, None) is not None:
                self._version += 1
            self._low = outer_low
        else:
            self._transient[key] = (self._version, result, self._low, self._stack[self._low])
            self._low = min(outer_low, self._low)
        return result

    # -- questions --------------------------------------------------------------------
    def of(self, expr: nodes.NodeNG | None) -> Shape:
        """What ``expr`` holds (``UNKNOWN`` when not proven)."""
        found = self._of(expr)
        return UNKNOWN if found is None else found

    def parameter(self, function: nodes.FunctionDef, name: str) -> Shape:
        """What reaches parameter ``name`` of ``function`` from every visible call (UNKNOWN: no calls,
        ``*args``/``**kwargs`` hiding it, or any call's value unproven)."""
        found = self._parameter_fact(function, name)
        return UNKNOWN if found is None else found

    def _parameter_fact(self, function: nodes.FunctionDef, name: str) -> Shape | None:
        return self._solve(("parameter", function, name), lambda: self._parameter(function, name))

    def returned(self, function: nodes.FunctionDef, index: int | None = None) -> Shape:
        """What ``function`` returns (element ``index`` of a returned tuple literal)."""
        found = self._returned_fact(function, index)
        return UNKNOWN if found is None else found

    def _returned_fact(self, function: nodes.FunctionDef, index: int | None = None) -> Shape | None:
        return self._solve(("return", function, index), lambda: self._returned(function, index))

    def _of(self, expr: nodes.NodeNG | None) -> Shape | None:  # noqa: C901, PLR0911
        if isinstance(expr, nodes.Const):
            return python_number(expr.value)
        if isinstance(expr, nodes.Name):
            return self._solve(("name", expr), lambda: self._name(expr))
        if isinstance(expr, (nodes.List, nodes.Tuple)):
            return self._literal(expr)
        if isinstance(expr, nodes.BinOp):
            return self._arithmetic(self._of(expr.left), self._of(expr.right), expr.op)
        if isinstance(expr, nodes.UnaryOp) and expr.op in ("-", "+"):
            return self._of(expr.operand)
        if isinstance(expr, nodes.IfExp):
            return join(self._of(expr.body), self._of(expr.orelse))
        if isinstance(expr, nodes.Subscript):
            return self._subscript(self._of(expr.value), expr.slice)
        if isinstance(expr, nodes.Call):
            return self._call(expr)
        return UNKNOWN

    def _literal(self, expr: nodes.List | nodes.Tuple) -> Shape | None:
        """A nested list of Python numbers (as ``tf.constant`` reads it)."""
        if not expr.elts or len(expr.elts) > 1 << 16:
            return UNKNOWN
        inner: Shape | None = None
        for element in expr.elts:
            fact = self._of(element) if isinstance(element, (nodes.Const, nodes.List, nodes.Tuple)) else UNKNOWN
            if fact is None or not fact.python:
                return UNKNOWN
            inner = join(inner, fact)
        if inner is None or inner.dims is None or inner.varies:
            return UNKNOWN
        return Shape((len(expr.elts), *inner.dims), inner.dtype, python=True)

    def _arithmetic(self, left: Shape | None, right: Shape | None, op: str) -> Shape | None:
        if left is None or right is None:
            return None
        if left.python and right.python:
            if left.dims != () or right.dims != () or left.dtype not in ("int32", "float32") \
                    or right.dtype not in ("int32", "float32"):
                return UNKNOWN  # list repetition, string formatting...
            if op == "**" and left.dtype != "float32":
                return UNKNOWN  # int ** negative int is a float
            dtype = "float32" if op == "/" or "float32" in (left.dtype, right.dtype) else "int32"
            return Shape((), dtype, python=True, varies=left.varies or right.varies)
        if op not in ("+", "-", "*", "/", "//", "%", "**"):
            return UNKNOWN  # matmul, shifts, comparisons of arrays
        if left.python or right.python:
            tensor, number = (right, left) if left.python else (left, right)
            if number.dims != ():
                return UNKNOWN
            dtype = tensor.dtype
            if dtype is not None and (dtype.startswith(("int", "uint")) and (op == "/" or number.dtype == "float32")):
                dtype = None  # int tensor / anything is float64; int tensor * 0.5 fails
            return broadcast(tensor, number, dtype)
        return broadcast(left, right, left.dtype if left.dtype == right.dtype and op != "/"
                         or left.dtype == right.dtype and (left.dtype or "").startswith(("float", "bfloat")) else None)

    def _subscript(self, value: Shape | None, index: nodes.NodeNG) -> Shape | None:
        if value is None:
            return None
        if value.dims is None or value.python and value.dims == ():
            return UNKNOWN
        items = index.elts if isinstance(index, nodes.Tuple) else [index]
        dims = list(value.dims)
        out: list[int | None] = []
        position = 0
        for item in items:
            if isinstance(item, nodes.Const) and item.value is None:
                out.append(1)
                continue
            if position >= len(dims):
                return UNKNOWN
            if isinstance(item, nodes.Slice):
                out.append(sliced_length(dims[position], item))
                position += 1
                continue
            fact = self._of(item)
            if fact is None:
                return None
            if fact.dims == () and fact.dtype in ("int32", "int64"):
                position += 1  # one element: the dimension goes
                continue
            return UNKNOWN  # a boolean mask, fancy indexing, an Ellipsis...
        return Shape((*out, *dims[position:]), value.dtype, python=value.python, varies=value.varies, array=value.array)

    # -- names ----------------------------------------------------------------------------
    def _name(self, name: nodes.Name) -> Shape | None:
        found = names.lookup(name, builtins=False)
        if found is None:
            return UNKNOWN
        scope, bindings = found
        bindings = list(bindings) + loop_carried(name, scope)
        if not bindings:
            return UNKNOWN
        fact: Shape | None = None
        for binding in bindings:
            fact = join(fact, self._binding(binding))
            if fact is not None and fact.dims is None:
                return UNKNOWN
        return fact

    def _binding(self, binding: nodes.NodeNG) -> Shape | None:  # noqa: PLR0911
        if not isinstance(binding, nodes.AssignName):
            return UNKNOWN
        parent = binding.parent
        if isinstance(parent, nodes.Arguments):
            function = parent.parent
            if not isinstance(function, nodes.FunctionDef) or binding.name in (parent.vararg, parent.kwarg):
                return UNKNOWN
            return self._parameter_fact(function, binding.name)
        if isinstance(parent, nodes.Assign):
            return self._of(parent.value)
        if isinstance(parent, nodes.AugAssign):
            target = self._solve(("variable", binding), lambda: self._variable(binding))
            return self._arithmetic(target, self._of(parent.value), parent.op.rstrip("="))
        if isinstance(parent, nodes.AnnAssign) and parent.value is not None:
            return self._of(parent.value)
        if isinstance(parent, nodes.Tuple) and isinstance(parent.parent, nodes.Assign) \
                and parent in parent.parent.targets and all(isinstance(e, nodes.AssignName) for e in parent.elts):
            index = parent.elts.index(binding)
            value = parent.parent.value
            if isinstance(value, nodes.Tuple) and len(value.elts) == len(parent.elts):
                return self._of(value.elts[index])
            if isinstance(value, nodes.Call):
                callee = self._callee(value)
                return self._returned_fact(callee, index) if callee is not None else UNKNOWN
            return UNKNOWN
        if isinstance(parent, nodes.For) and parent.target is binding:
            iterated = self._of(parent.iter)
            if iterated is None:
                return None
            if iterated.dims:
                return Shape(iterated.dims[1:], iterated.dtype, iterated.python, iterated.varies, iterated.array)
            return UNKNOWN
        return UNKNOWN

    def _variable(self, binding: nodes.AssignName) -> Shape | None:
        """The value an augmented assignment's target holds before it (every binding of that name
        reaching it, the loop's own included)."""
        scope = binding.scope()
        fact: Shape | None = None
        for other in scope.nodes_of_class(nodes.AssignName):
            if other.name == binding.name and other.scope() is scope:
                fact = join(fact, self._binding(other) if other is not binding else None)
        return fact if fact is not None else UNKNOWN

    # -- parameters and returns -----------------------------------------------------------
    def _graph(self, node: nodes.NodeNG) -> CallGraph | None:
        module = node.root()
        return CallGraph.of(module, self.settings) if isinstance(module, nodes.Module) else None

    def _callee(self, call: nodes.Call) -> nodes.FunctionDef | None:
        graph = self._graph(call)
        callee = graph.callee_of(call) if graph is not None else None
        return callee if isinstance(callee, nodes.FunctionDef) else None

    def _parameter(self, function: nodes.FunctionDef, name: str) -> Shape | None:
        graph = self._graph(function)
        sites = graph.calls_to(function) if graph is not None else []
        if not sites:
            return UNKNOWN
        fact: Shape | None = None
        for site in sites:
            value, _default = argument_or_default(site, function, name)
            if value is None:
                return UNKNOWN
            fact = join(fact, self._of(value))
            if fact is not None and fact.dims is None:
                return UNKNOWN
        return fact

    def _returned(self, function: nodes.FunctionDef, index: int | None) -> Shape | None:
        if function.is_generator():
            return UNKNOWN
        fact: Shape | None = None
        returns = [r for r in function.nodes_of_class(nodes.Return) if r.scope() is function]
        if not returns:
            return UNKNOWN
        for statement in returns:
            value = statement.value
            if index is not None:
                if not isinstance(value, nodes.Tuple) or index >= len(value.elts):
                    return UNKNOWN
                value = value.elts[index]
            fact = join(fact, self._of(value) if value is not None else UNKNOWN)
            if fact is not None and fact.dims is None:
                return UNKNOWN
        return fact

    # -- calls ----------------------------------------------------------------------------
    def _call(self, call: nodes.Call) -> Shape | None:  # noqa: C901, PLR0911, PLR0912
        func = call.func
        if isinstance(func, nodes.Attribute) and not call.keywords:
            if func.attrname == "numpy" and not call.args:
                fact = self._of(func.expr)
                return fact if fact is None or fact.python else Shape(fact.dims, fact.dtype, varies=fact.varies, array=True)
            if func.attrname == "astype" and len(call.args) == 1:
                fact = self._of(func.expr)
                dtype = dtype_named(call.args[0])
                return fact if fact is None else Shape(fact.dims, dtype, varies=fact.varies, array=True) if dtype else UNKNOWN
        qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
        # a project function named through its module (``clock.steps(10)`` after ``import speedup_clock
        # as clock``) has a qualified name too: only a library's API is read from the name
        # (``_api_call`` knows TF's and NumPy's; another library's call is unknown either way)
        if qualified is None or qualified.split(".", 1)[0] not in EXTERNAL_ROOTS:
            builtin = names.builtin_name(func) if isinstance(func, nodes.Name) else None
            if builtin in ("int", "len") and call.args:
                return Shape((), "int32", python=True)
            if builtin == "float" and call.args:
                return Shape((), "float32", python=True)
            if builtin == "range" and call.args and all(self._is_python_int(a) for a in call.args):
                return Shape((None,), "int32", python=True)  # iterated: Python ints
            draws = self._numpy_generator_draw(call)
            if draws is not None:
                return draws
            if isinstance(func, nodes.Attribute) and func.attrname == "gradient" and len(call.args) == 2 \
                    and is_gradient_tape(func.expr):
                return self._of(call.args[1])
            callee = self._callee(call)
            return self._returned_fact(callee) if callee is not None else UNKNOWN
        return self._api_call(qualified, call)

    def _api_call(self, qualified: str, call: nodes.Call) -> Shape | None:  # noqa: C901, PLR0911, PLR0912
        last = qualified.rsplit(".", 1)[-1]
        first = argument_at(call, 0, "value" if last in ("constant", "convert_to_tensor") else "x")
        if qualified in ("tensorflow.constant", "tensorflow.convert_to_tensor", "numpy.array", "numpy.asarray"):
            value = argument_at(call, 0, "value" if qualified.startswith("tensorflow") else "object")
            fact = self._of(value)
            if fact is None or fact.dims is None:
                return fact
            asked = argument_at(call, 1, "dtype")
            dtype = dtype_named(asked) if asked is not None else fact.dtype
            if asked is None and fact.python and qualified.startswith("numpy"):
                dtype = {"int32": "int64", "float32": "float64"}.get(fact.dtype or "", fact.dtype)
            if asked is None and qualified == "tensorflow.constant" and len(call.args) > 2:
                dtype = None
            return Shape(fact.dims, dtype, varies=fact.varies, array=qualified.startswith("numpy"))
        if qualified in ("tensorflow.zeros", "tensorflow.ones", "numpy.zeros", "numpy.ones", "numpy.empty",
                         "tensorflow.random.uniform", "tensorflow.random.normal"):
            shape = argument_at(call, 0, "shape")
            dims = literal_dims(shape) if shape is not None else None
            if dims is None or len(dims) > RANK_LIMIT:
                return UNKNOWN
            asked = argument_at(call, 1 if "random" not in qualified else 3, "dtype")
            default = NUMPY_DEFAULT if qualified.startswith("numpy") else TF_DEFAULT
            return Shape(dims, dtype_named(asked) if asked is not None else default, array=qualified.startswith("numpy"))
        if qualified == "tensorflow.fill":
            shape, value = argument_at(call, 0, "dims"), argument_at(call, 1, "value")
            dims = literal_dims(shape) if shape is not None else None
            fact = self._of(value)
            if dims is None or fact is None or fact.dims != ():
                return UNKNOWN if fact is not None else None
            return Shape(dims, fact.dtype)
        if qualified.startswith("numpy.random.") and last in NUMPY_DRAWS:
            return numpy_draw(call, last)
        if qualified == "tensorflow.cast":
            fact = self._of(first)
            dtype = dtype_named(argument_at(call, 1, "dtype"))
            if fact is None or fact.dims is None:
                return fact
            return Shape(fact.dims, dtype, varies=fact.varies) if dtype else UNKNOWN
        if qualified == "tensorflow.expand_dims":
            fact = self._of(argument_at(call, 0, "input"))
            axis = argument_at(call, 1, "axis")
            if fact is None or fact.dims is None:
                return fact
            at = int_literal(axis)
            if at is None:
                return Shape((None,) * (len(fact.dims) + 1), fact.dtype, varies=fact.varies)
            dims = list(fact.dims)
            position = at if at >= 0 else len(dims) + 1 + at
            if not 0 <= position <= len(dims):
                return UNKNOWN
            dims.insert(position, 1)
            return Shape(tuple(dims), None if fact.python else fact.dtype, varies=fact.varies)
        if qualified == "tensorflow.image.resize":
            fact = self._of(argument_at(call, 0, "images"))
            size = argument_at(call, 1, "size")
            if fact is None or fact.dims is None:
                return fact
            if len(fact.dims) not in (3, 4) or any(k.arg not in ("size", "images", "antialias") for k in call.keywords or ()) \
                    or len(call.args) > 2:
                return UNKNOWN  # a method keyword may keep the input's dtype
            new = literal_dims(size) if size is not None else None
            inner = new if new is not None and len(new) == 2 else (None, None)
            size_fact = self._of(size) if new is None else None
            varies = fact.varies or (size_fact is not None and size_fact.varies)
            return Shape((*fact.dims[:-3], *inner, fact.dims[-1]), "float32", varies=varies)
        if qualified == "tensorflow.range":
            facts = [self._of(a) for a in call.args]
            if any(f is None for f in facts):
                return None
            if call.keywords or not facts or any(f.dims != () or f.dtype != "int32" for f in facts):
                return UNKNOWN
            return Shape((None,), "int32")
        if qualified == "tensorflow.shape":
            fact = self._of(argument_at(call, 0, "input"))
            if fact is None:
                return None
            return Shape((fact.rank,), "int32")
        if qualified in KEEPS_SHAPE:
            fact = self._of(first if first is not None else argument_at(call, 0, "t"))
            if fact is None or fact.python:
                return fact if fact is None else UNKNOWN
            return Shape(fact.dims, fact.dtype, varies=fact.varies, array=qualified.startswith("numpy"))
        if qualified in ELEMENTWISE:
            left, right = self._of(argument_at(call, 0, "x")), self._of(argument_at(call, 1, "y"))
            if left is None or right is None:
                return None
            both = broadcast(left, right, left.dtype if left.dtype == right.dtype else None)
            return Shape(both.dims, both.dtype, varies=both.varies) if both.known else both
        if qualified.startswith(("tensorflow.", "tensorflow.math.")) and last in REDUCTIONS:
            fact = self._of(argument_at(call, 0, "input_tensor"))
            if fact is None:
                return None
            if len(call.args) > 1 or any(k.arg != "input_tensor" for k in call.keywords or ()) or fact.python:
                return UNKNOWN  # an axis, keepdims
            return Shape((), fact.dtype)
        return UNKNOWN

    def _is_python_int(self, expr: nodes.NodeNG) -> bool:
        fact = self._of(expr)
        return fact is not None and fact.python and fact.dims == () and fact.dtype == "int32"

    def _numpy_generator_draw(self, call: nodes.Call) -> Shape | None:
        """``rng.uniform(0, 255, size=(6, 6, 3))`` with ``rng = np.random.default_rng(seed)``."""
        func = call.func
        if not (isinstance(func, nodes.Attribute) and func.attrname in NUMPY_DRAWS
                and isinstance(func.expr, (nodes.Name, nodes.Call))):
            return None
        value = func.expr if isinstance(func.expr, nodes.Call) else names.bound_value(func.expr)
        if not (isinstance(value, nodes.Call) and isinstance(value.func, (nodes.Name, nodes.Attribute))
                and names.qualified_name(value.func) in ("numpy.random.default_rng", "numpy.random.RandomState")):
            return None
        return numpy_draw(call, func.attrname)
