"""What kind of value an expression holds, as far as the code shows: the one value-kind model.

tf.function keys its trace cache on *Python* values but only on the shape and
dtype of tensors, and graph code fails where it needs the value of a tensor; so
the distinction that matters is tensor versus Python scalar (and the dtype
``tf.constant`` would give it) versus Python container / object / iterator.

``Kinds.of(expr)`` answers with an ``Answer``: the kind, the *basis* it rests on
(the code itself, a type hint, the visible call sites of the function whose
parameter it is, or an assumption), the dtype of a Python scalar, and the
assumption in words when there is one. It follows

- literals, TF / NumPy / builtin calls (tables in ``catalogue``, see ``answers``), operators;
- names through their bindings: plain, chained (``a = b = tf.cast(...)``),
  augmented (``x += t``), rebound (``y = y * 2``), loop targets;
- returns of project functions;
- parameters: an ``input_signature`` of a hybrid (tf.function or a configured
  wrapper), type hints, and every visible call site (this module and the other
  modules of the package, from the module's call graph): see ``parameters``.

Everything is syntactic plus ``lookup``: no inference. When unsure: ``UNKNOWN``.
``value_kind(expr)`` is the context-free form (no call sites, no assumption).
"""

from __future__ import annotations

from bisect import bisect_left

from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.calls.graph import CallGraph, resolved_callee
from pylint_hybridize.model.catalogue.spellings import EXTERNAL_ROOTS
from pylint_hybridize.model.project.settings import Policy
from pylint_hybridize.model.project.store import node_fact
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import resolve_local_class
from pylint_hybridize.model.syntax.walk import own_returns
from pylint_hybridize.model.values.answers import (
    UNKNOWN,
    Answer,
    Kind,
    agree,
    arithmetic_dtype,
    builtin_answer,
    literal_answer,
    tensor_from,
    tf_call_kind,
    weakest,
)
from pylint_hybridize.model.values.parameters import ParameterKinds

_MAX_DEPTH = 12
_MAX_BINDINGS = 8


class Kinds(ParameterKinds):
    """The value-kind model of one module (answers cached; one per ``TraceModel``). ``graph``: the
    module's call graph, for the call sites of a parameter's function and the hybrids of its module
    (None: the context-free model, ``value_kind``)."""

    def __init__(
        self,
        graph: CallGraph | None = None,
        policy: Policy = Policy.SILENT,
        extra_wrappers: tuple[str, ...] = (),
    ) -> None:
        self._graph = graph
        self.policy = policy
        self._extra_wrappers = extra_wrappers
        self._cache: dict[nodes.NodeNG, Answer] = {}
        self._active: set[nodes.NodeNG] = set()
        self._bound: dict[nodes.NodeNG, Answer] = {}
        """binding -> what it binds (``_binding``): a chain ``x = f(x); x = g(x)...`` asks every earlier
        binding of each link, which without this is exponential in the chain's length."""

    # -- public queries -------------------------------------------------------------
    def kind(self, expr: nodes.NodeNG | None) -> Kind:
        return self.of(expr).kind

    def is_tensor(self, expr: nodes.NodeNG | None) -> bool:
        """A graph tensor (or tf.Variable) at trace time, on any basis."""
        return self.of(expr).kind.is_tensor

    def of(self, expr: nodes.NodeNG | None) -> Answer:
        if expr is None:
            return UNKNOWN
        cached = self._cache.get(expr)
        if cached is not None:
            return cached
        if expr in self._active or len(self._active) > _MAX_DEPTH:
            return UNKNOWN  # a cycle (x = f(x), recursion) or too deep
        self._active.add(expr)
        try:
            answer = self._compute(expr)
        finally:
            self._active.discard(expr)
        self._cache[expr] = answer
        return answer

    def loop_target(self, iterable: nodes.NodeNG) -> Answer:
        """What ``for x in <iterable>`` binds ``x`` to."""
        if isinstance(iterable, nodes.Call):
            builtin = names.builtin_name(iterable.func)
            if builtin == "range":
                return Answer(Kind.SCALAR, dtype="int32")
            if isinstance(iterable.func, (nodes.Name, nodes.Attribute)):
                qualified = names.qualified_name(iterable.func)
                if qualified == "tensorflow.range":
                    return Answer(Kind.TENSOR)
        if isinstance(iterable, (nodes.List, nodes.Tuple, nodes.Set)) and iterable.elts:
            return agree([self.of(element) for element in iterable.elts])
        if isinstance(iterable, nodes.Name):
            # ``for lr in rates`` with ``rates = [0.1, 0.01]`` bound once
            value = names.bound_value(iterable)
            if isinstance(value, (nodes.List, nodes.Tuple)):
                return self.loop_target(value)
        answer = self.of(iterable)
        if answer.kind.is_tensor:
            return Answer(Kind.TENSOR, answer.basis, assumption=answer.assumption)
        return UNKNOWN

    def returns(self, function: nodes.NodeNG) -> Answer:
        """What calling the project function ``function`` gives."""
        if isinstance(function, nodes.Lambda):
            return self.of(function.body)
        if not isinstance(function, nodes.FunctionDef):
            return UNKNOWN
        if function.decorators and self._hybrid_of_function(function) is None:
            return UNKNOWN  # a decorator may change what it returns
        generator, returned = node_fact(
            function, "returns", lambda: (bool(function.is_generator()), tuple(r.value for r in own_returns(function)))
        )
        if generator:
            return Answer(Kind.ITERATOR)
        if not returned:
            return Answer(Kind.NONE)
        if any(value is None for value in returned):
            return UNKNOWN
        return agree([self.of(value) for value in returned])

    # -- expressions ---------------------------------------------------------------
    def _compute(self, expr: nodes.NodeNG) -> Answer:
        if isinstance(expr, nodes.Const):
            return literal_answer(expr.value)
        if isinstance(expr, (nodes.List, nodes.Tuple, nodes.Dict, nodes.Set, nodes.ListComp, nodes.DictComp, nodes.SetComp)):
            return Answer(Kind.CONTAINER)
        if isinstance(expr, nodes.GeneratorExp):
            return Answer(Kind.ITERATOR)
        if isinstance(expr, nodes.Call):
            return self._call(expr)
        if isinstance(expr, nodes.BinOp):
            return self._binop(expr)
        if isinstance(expr, nodes.BoolOp):
            return self._boolop(expr)
        if isinstance(expr, nodes.Compare):
            return self._compare(expr)
        if isinstance(expr, nodes.UnaryOp):
            operand = self.of(expr.operand)
            if expr.op == "not":
                if operand.kind.is_tensor_like:
                    return Answer(Kind.TENSOR, operand.basis, assumption=operand.assumption)
                return Answer(Kind.BOOL, operand.basis) if operand.kind is not Kind.UNKNOWN else UNKNOWN
            return operand
        if isinstance(expr, nodes.Subscript):
            return self._subscript(expr)
        if isinstance(expr, nodes.Name):
            return self._name(expr)
        if isinstance(expr, nodes.IfExp):
            return agree([self.of(expr.body), self.of(expr.orelse)])
        if isinstance(expr, nodes.NamedExpr):
            return self.of(expr.value)
        if isinstance(expr, nodes.Lambda):
            return Answer(Kind.OBJECT)
        return UNKNOWN

    def _call(self, call: nodes.Call) -> Answer:
        func = call.func
        builtin = names.builtin_name(func)
        if builtin is not None:
            return builtin_answer(builtin, call)
        if isinstance(func, (nodes.Name, nodes.Attribute)):
            qualified = names.qualified_name(func)
            if qualified is not None and names.root_package(qualified) in EXTERNAL_ROOTS:
                kind = tf_call_kind(qualified)
                if kind is Kind.TENSOR and qualified in ("tensorflow.constant", "tensorflow.convert_to_tensor"):
                    literal = self.of(call.args[0]) if call.args else UNKNOWN
                    return Answer(Kind.TENSOR, dtype=literal.dtype if literal.kind is Kind.SCALAR else None)
                return Answer(kind, of_tensors=qualified in catalogue.LIST_RETURNING)
        if isinstance(func, nodes.Attribute):
            receiver = self.of(func.expr)
            if receiver.kind.is_tensor_like:
                if func.attrname in catalogue.TENSOR_METHODS_TO_ARRAY:
                    return Answer(Kind.ARRAY, receiver.basis, assumption=receiver.assumption)
                if func.attrname in catalogue.TENSOR_METHODS_TO_PYTHON:
                    return UNKNOWN
        if resolve_local_class(func) is not None:
            return Answer(Kind.OBJECT)  # a new instance of a project class
        callee = resolved_callee(func)
        if callee is not None:
            return self.returns(callee)
        return UNKNOWN

    def _binop(self, expr: nodes.BinOp) -> Answer:
        left, right = self.of(expr.left), self.of(expr.right)
        basis, assumption = weakest(left, right)
        kinds = {left.kind, right.kind}
        if kinds & {Kind.TENSOR, Kind.VARIABLE}:
            # the tensor operand decides (a Python operand is converted to its dtype)
            return tensor_from(left, right)
        if Kind.ARRAY in kinds:
            array = left if left.kind is Kind.ARRAY else right
            return Answer(Kind.ARRAY, array.basis, assumption=array.assumption)
        if kinds <= {Kind.SCALAR, Kind.BOOL} and Kind.SCALAR in kinds:
            return Answer(Kind.SCALAR, basis, arithmetic_dtype(expr.op, left.dtype, right.dtype), assumption)
        if left.kind is Kind.CONTAINER and right.kind is Kind.CONTAINER and expr.op == "+":
            return Answer(Kind.CONTAINER, basis, assumption=assumption)
        return UNKNOWN

    def _boolop(self, expr: nodes.BoolOp) -> Answer:
        values = [self.of(value) for value in expr.values]
        # ``a or b`` is one of its operands: a tensor when the first is (autograph makes it a logical op;
        # unconverted, Python's bool of it fails anyway), or when the others are tensors or Python bools
        # (``x is not None and tf.reduce_all(x)``); ``dim or tf.shape(x)[0]`` may be the Python ``dim``
        if values[0].kind.is_tensor or (
            any(v.kind.is_tensor for v in values) and all(v.kind.is_tensor or v.kind is Kind.BOOL for v in values)
        ):
            return tensor_from(*values)
        if all(v.kind is Kind.BOOL for v in values):
            return Answer(Kind.BOOL, weakest(*values)[0])
        return UNKNOWN

    def _compare(self, expr: nodes.Compare) -> Answer:
        if any(op in ("is", "is not", "in", "not in") for op, _ in expr.ops):
            return Answer(Kind.BOOL)  # identity and membership are Python, even on tensors
        operands = [self.of(expr.left), *(self.of(other) for _, other in expr.ops)]
        if any(o.kind.is_tensor for o in operands):
            return tensor_from(*operands)
        if any(o.kind is Kind.ARRAY for o in operands):
            return Answer(Kind.ARRAY)
        if all(o.kind in (Kind.SCALAR, Kind.BOOL, Kind.NONE) for o in operands):
            return Answer(Kind.BOOL, weakest(*operands)[0])
        return UNKNOWN

    def _subscript(self, expr: nodes.Subscript) -> Answer:
        container = self.of(expr.value)
        if container.kind.is_tensor:
            return Answer(Kind.TENSOR, container.basis, assumption=container.assumption)
        if container.kind is Kind.ARRAY:
            return Answer(Kind.ARRAY, container.basis, assumption=container.assumption)
        value = expr.value
        if isinstance(value, nodes.Call) and isinstance(value.func, (nodes.Name, nodes.Attribute)):
            if names.qualified_name(value.func) in catalogue.LIST_RETURNING:
                return Answer(Kind.TENSOR)  # tf.unstack(x)[0]
        if isinstance(value, (nodes.List, nodes.Tuple)) and isinstance(expr.slice, nodes.Const):
            index = expr.slice.value
            if isinstance(index, int) and -len(value.elts) <= index < len(value.elts):
                return self.of(value.elts[index])
        return UNKNOWN

    # -- names -----------------------------------------------------------------
    def _name(self, name: nodes.Name) -> Answer:
        found = names.lookup(name, builtins=True)
        if found is None:
            return UNKNOWN
        _scope, assignments = found
        if not assignments or len(assignments) > _MAX_BINDINGS:
            return UNKNOWN
        return agree([self._binding(assignment) for assignment in assignments])

    def _binding(self, assignment: nodes.NodeNG) -> Answer:
        answer = self._bound.get(assignment)
        if answer is None:
            answer = self._bound[assignment] = self._bind(assignment)
        return answer

    def _bind(self, assignment: nodes.NodeNG) -> Answer:
        if isinstance(assignment, (nodes.FunctionDef, nodes.ClassDef)):
            return Answer(Kind.OBJECT)
        if not isinstance(assignment, nodes.AssignName):
            return UNKNOWN
        parent = assignment.parent
        if isinstance(parent, nodes.Arguments):
            return self.parameter(assignment)
        if isinstance(parent, (nodes.For, nodes.Comprehension)) and parent.target is assignment:
            return self.loop_target(parent.iter)
        if (
            isinstance(parent, nodes.Tuple)
            and parent.elts
            and parent.elts[0] is assignment
            and isinstance(parent.parent, (nodes.For, nodes.Comprehension))
            and parent.parent.target is parent
            and isinstance(parent.parent.iter, nodes.Call)
            and names.builtin_name(parent.parent.iter.func) == "enumerate"
        ):
            return Answer(Kind.SCALAR, dtype="int32")  # the index of enumerate()
        if isinstance(parent, nodes.Assign) and any(target is assignment for target in parent.targets):
            return self._assigned(assignment, parent.value)  # x = v, and a = b = v
        if isinstance(parent, nodes.AnnAssign) and parent.target is assignment:
            if parent.value is not None:
                return self._assigned(assignment, parent.value)
            return self._hint(parent.annotation)
        if isinstance(parent, nodes.AugAssign):
            return self._augmented(assignment, parent)
        return UNKNOWN

    def _assigned(self, assignment: nodes.AssignName, value: nodes.NodeNG) -> Answer:
        if _mentions(value, assignment.name) and not isinstance(value, nodes.Name):
            # y = y * 2: the kind of y before, combined with the rest
            previous = self._previous(assignment)
            if previous is None:
                return UNKNOWN
            return self._with_name(value, assignment.name, previous)
        return self.of(value)

    def _augmented(self, assignment: nodes.AssignName, statement: nodes.AugAssign) -> Answer:
        added = self.of(statement.value)
        if added.kind.is_tensor:
            return Answer(Kind.TENSOR, added.basis, assumption=added.assumption)
        previous = self._previous(assignment)
        if previous is None:
            return UNKNOWN
        if previous.kind.is_tensor:
            return previous
        if previous.kind is Kind.SCALAR and added.kind in (Kind.SCALAR, Kind.BOOL):
            dtype = arithmetic_dtype(statement.op[:-1], previous.dtype, added.dtype)
            return Answer(Kind.SCALAR, weakest(previous, added)[0], dtype)
        if previous.kind is Kind.CONTAINER and statement.op == "+=":
            return previous
        return UNKNOWN

    def _previous(self, assignment: nodes.AssignName) -> Answer | None:
        """The kind of a name just before ``assignment`` rebinds it (earlier bindings in its scope)."""
        earlier = node_fact(assignment, "earlier-bindings", lambda: _earlier_bindings(assignment, _MAX_BINDINGS + 1))
        if not earlier:
            return None
        if len(earlier) > _MAX_BINDINGS:
            return UNKNOWN
        answers = []
        for binding in earlier:
            if binding in self._active:
                continue
            self._active.add(binding)
            try:
                answers.append(self._binding(binding))
            finally:
                self._active.discard(binding)
        return agree(answers) if answers else None

    def _with_name(self, value: nodes.NodeNG, name: str, previous: Answer) -> Answer:
        """The kind of ``value`` when the Name ``name`` in it has kind ``previous``."""
        overrides = [n for n in _names_in(value) if n.name == name]
        saved = {n: self._cache.get(n) for n in overrides}
        for n in overrides:
            self._cache[n] = previous
        try:
            answer = self._compute(value)
        finally:
            for n, old in saved.items():
                if old is None:
                    self._cache.pop(n, None)
                else:
                    self._cache[n] = old
            # intermediate results that depended on the override must not stay cached
            for sub in node_fact(value, "nodes-in", lambda: tuple(value.nodes_of_class(nodes.NodeNG))):
                if sub not in saved:
                    self._cache.pop(sub, None)
                    self._bound.pop(sub, None)
        return answer

    # -- parameters ----------------------------------------------------------------


# -- helpers ------------------------------------------------------------------------


def _earlier_bindings(assignment: nodes.AssignName, limit: int) -> tuple[nodes.NodeNG, ...]:
    """The bindings of the name ``assignment`` binds in its scope, on lines before it (the first
    ``limit`` of them: past the bound only their number matters)."""
    scope = assignment.scope()
    lines, bindings = node_fact(scope, ("bindings-by-line", assignment.name), lambda: _bindings_by_line(scope, assignment.name))
    line = assignment.lineno or 0
    if lines is not None:  # in line order (the usual case): the earlier ones are a prefix
        return tuple(bindings[: min(bisect_left(lines, line), limit)])
    return tuple(b for b in bindings if b is not assignment and (b.lineno or 0) < line)[:limit]


def _bindings_by_line(scope: nodes.NodeNG, name: str) -> tuple[list[int] | None, list[nodes.NodeNG]]:
    """(their lines when non-decreasing, else None; the bindings of ``name`` in ``scope`` itself), once
    per scope and name: each rebinding asks, and a scan per rebinding is quadratic in the rebinds."""
    bindings = [b for b in scope.locals.get(name, ()) if b.scope() is scope]
    lines = [b.lineno or 0 for b in bindings]
    return (lines if all(a <= b for a, b in zip(lines, lines[1:])) else None), bindings


def _mentions(value: nodes.NodeNG, name: str) -> bool:
    return any(n.name == name for n in _names_in(value))


def _names_in(value: nodes.NodeNG) -> tuple[nodes.Name, ...]:
    """The Name nodes of ``value``, in walk order, kept on it: every model reaching a rebinding asks
    (``_mentions``, then ``_with_name``)."""
    return node_fact(value, "names-in", lambda: tuple(value.nodes_of_class(nodes.Name)))


# -- the context-free form ----------------------------------------------------------------
_CONTEXT_FREE = Kinds()


def value_kind(expr: nodes.NodeNG | None) -> Kind:
    """Best syntactic guess of what ``expr`` evaluates to (no call sites, no assumption)."""
    if len(_CONTEXT_FREE._cache) > 20000:  # pylint: disable=protected-access
        _CONTEXT_FREE._cache.clear()  # pylint: disable=protected-access
    return _CONTEXT_FREE.kind(expr)
