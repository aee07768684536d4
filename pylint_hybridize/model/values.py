"""What kind of value an expression holds, as far as the code shows: the one value-kind model.

tf.function keys its trace cache on *Python* values but only on the shape and
dtype of tensors, and graph code fails where it needs the value of a tensor; so
the distinction that matters is tensor versus Python scalar (and the dtype
``tf.constant`` would give it) versus Python container / object / iterator.

``Kinds.of(expr)`` answers with an ``Answer``: the kind, the *basis* it rests on
(the code itself, a type hint, the visible call sites of the function whose
parameter it is, or an assumption), the dtype of a Python scalar, and the
assumption in words when there is one. It follows

- literals, TF / NumPy / builtin calls (tables in ``catalogue``), operators;
- names through their bindings: plain, chained (``a = b = tf.cast(...)``),
  augmented (``x += t``), rebound (``y = y * 2``), loop targets;
- returns of project functions;
- parameters: an ``input_signature`` of a hybrid (tf.function or a configured
  wrapper), type hints, and every visible call site (this module and the other
  modules of the package, through ``TraceModel``'s call-site provider).

Everything is syntactic plus ``lookup``: no inference. When unsure: ``UNKNOWN``.
``value_kind(expr)`` is the context-free form (no call sites, no assumption).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model import catalogue, names

_MAX_DEPTH = 12
_MAX_BINDINGS = 8


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


class Policy(enum.Enum):
    """What a hybrid's parameter is when no call site (nor signature, nor hint) says."""

    SILENT = "silent"  # unknown: no message rests on it
    ASSUME_TENSOR = "assume-tensor"  # TF's guidance ("pass tensors"), reported at low confidence


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


def _weakest(*answers: Answer) -> tuple[Basis, str | None]:
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


# -- binding call arguments to parameters (self handled here, and only here) ------------
@dataclass(frozen=True)
class Binding:
    """The arguments of one call bound to the parameters of the function it calls."""

    values: dict[str, nodes.NodeNG]
    complete: bool
    """False when ``*args``/``**kwargs`` at the call hide what some parameters get."""


def implicit_first(function: nodes.NodeNG, call: nodes.Call | None) -> bool:
    """Whether the function's first parameter is filled implicitly (``self``/``cls``) at ``call``."""
    if not isinstance(function, nodes.FunctionDef) or not isinstance(function.parent, nodes.ClassDef):
        return False
    decorators = {d.as_string().rsplit(".", 1)[-1] for d in (function.decorators.nodes if function.decorators else ())}
    if "staticmethod" in decorators:
        return False
    if "classmethod" in decorators:
        return True
    if call is not None and isinstance(call.func, nodes.Attribute) and isinstance(call.func.expr, nodes.Name):
        assignment = names.only_assignment(call.func.expr)
        if assignment is not None and assignment is function.parent:
            return False  # Class.method(instance, ...)
    return True


def parameters(function: nodes.NodeNG, call: nodes.Call | None = None) -> list[str]:
    """Positional parameter names as a caller fills them (``self``/``cls`` left out for method calls)."""
    arguments = getattr(function, "args", None)
    if not isinstance(arguments, nodes.Arguments) or arguments.args is None:
        return []
    positional = [a.name for a in (arguments.posonlyargs or []) + (arguments.args or [])]
    if positional and implicit_first(function, call):
        positional = positional[1:]
    return positional


def bind_arguments(call: nodes.Call, function: nodes.NodeNG) -> Binding:
    """Which expression of ``call`` each parameter of ``function`` receives."""
    positional = parameters(function, call)
    values: dict[str, nodes.NodeNG] = {}
    complete = True
    for index, argument in enumerate(call.args):
        if isinstance(argument, nodes.Starred):
            complete = False
            break
        if index < len(positional):
            values[positional[index]] = argument
    arguments = function.args
    keyword_names = set(positional) | {a.name for a in arguments.kwonlyargs or []}
    for keyword in call.keywords or ():
        if keyword.arg is None:
            complete = False
        elif keyword.arg in keyword_names:
            values[keyword.arg] = keyword.value
    return Binding(values, complete)


def extra_keywords(function: nodes.NodeNG, call: nodes.Call) -> list[nodes.Keyword]:
    """Keywords of ``call`` that only the ``**kwargs`` of ``function`` would take (``**opts`` unpacking:
    unknown, left out)."""
    if not isinstance(function, nodes.FunctionDef) or not function.args.kwarg:
        return []
    named = {a.name for a in (function.args.args or []) + (function.args.kwonlyargs or [])}
    return [k for k in call.keywords or () if k.arg is not None and k.arg not in named]


def default_of(function: nodes.NodeNG, parameter: str) -> nodes.NodeNG | None:
    try:
        return function.args.default_value(parameter)
    except Exception:  # pylint: disable=broad-except  # NoDefault
        return None


# What the model needs from its surroundings (TraceModel provides them).
SitesProvider = Callable[[nodes.NodeNG], list[nodes.Call]]
HybridProvider = Callable[[nodes.NodeNG], object]


class Kinds:
    """The value-kind model of one module (answers cached; one per ``TraceModel``)."""

    def __init__(
        self,
        sites_of: SitesProvider | None = None,
        hybrid_of: HybridProvider | None = None,
        policy: Policy = Policy.SILENT,
        extra_wrappers: tuple[str, ...] = (),
    ) -> None:
        self._sites_of = sites_of
        self._hybrid_of = hybrid_of
        self.policy = policy
        self._extra_wrappers = extra_wrappers
        self._cache: dict[nodes.NodeNG, Answer] = {}
        self._active: set[nodes.NodeNG] = set()

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

    def parameter(self, assignment: nodes.AssignName) -> Answer:
        """The kind of a parameter: signature, hint, call sites, then the policy."""
        cached = self._cache.get(assignment)
        if cached is not None:
            return cached
        if assignment in self._active:
            return UNKNOWN
        self._active.add(assignment)
        try:
            answer = self._parameter(assignment)
        finally:
            self._active.discard(assignment)
        self._cache[assignment] = answer
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
            return self._agree([self.of(element) for element in iterable.elts])
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
        if function.is_generator():
            return Answer(Kind.ITERATOR)
        returned = [r.value for r in _returns(function)]
        if not returned:
            return Answer(Kind.NONE)
        if any(value is None for value in returned):
            return UNKNOWN
        return self._agree([self.of(value) for value in returned])

    # -- expressions ---------------------------------------------------------------
    def _compute(self, expr: nodes.NodeNG) -> Answer:
        if isinstance(expr, nodes.Const):
            return _const(expr.value)
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
            return self._agree([self.of(expr.body), self.of(expr.orelse)])
        if isinstance(expr, nodes.NamedExpr):
            return self.of(expr.value)
        if isinstance(expr, nodes.Lambda):
            return Answer(Kind.OBJECT)
        return UNKNOWN

    def _call(self, call: nodes.Call) -> Answer:
        func = call.func
        builtin = names.builtin_name(func)
        if builtin is not None:
            return _builtin_call(builtin, call)
        if isinstance(func, (nodes.Name, nodes.Attribute)):
            qualified = names.qualified_name(func)
            if qualified is not None and names.root_package(qualified) in names.EXTERNAL_ROOTS:
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
        from pylint_hybridize.model.hybrids import resolve_local_class  # pylint: disable=import-outside-toplevel
        from pylint_hybridize.model.traced import resolve_callee  # pylint: disable=import-outside-toplevel

        if resolve_local_class(func) is not None:
            return Answer(Kind.OBJECT)  # a new instance of a project class
        callee = resolve_callee(func)
        if callee is not None:
            return self.returns(callee)
        return UNKNOWN

    def _binop(self, expr: nodes.BinOp) -> Answer:
        left, right = self.of(expr.left), self.of(expr.right)
        basis, assumption = _weakest(left, right)
        kinds = {left.kind, right.kind}
        if kinds & {Kind.TENSOR, Kind.VARIABLE}:
            # the tensor operand decides (a Python operand is converted to its dtype)
            return _tensor_from(left, right)
        if Kind.ARRAY in kinds:
            array = left if left.kind is Kind.ARRAY else right
            return Answer(Kind.ARRAY, array.basis, assumption=array.assumption)
        if kinds <= {Kind.SCALAR, Kind.BOOL} and Kind.SCALAR in kinds:
            return Answer(Kind.SCALAR, basis, _arithmetic_dtype(expr.op, left.dtype, right.dtype), assumption)
        if left.kind is Kind.CONTAINER and right.kind is Kind.CONTAINER and expr.op == "+":
            return Answer(Kind.CONTAINER, basis, assumption=assumption)
        return UNKNOWN

    def _boolop(self, expr: nodes.BoolOp) -> Answer:
        values = [self.of(value) for value in expr.values]
        if any(v.kind.is_tensor for v in values):
            return _tensor_from(*values)
        if all(v.kind is Kind.BOOL for v in values):
            return Answer(Kind.BOOL, _weakest(*values)[0])
        return UNKNOWN

    def _compare(self, expr: nodes.Compare) -> Answer:
        if any(op in ("is", "is not", "in", "not in") for op, _ in expr.ops):
            return Answer(Kind.BOOL)  # identity and membership are Python, even on tensors
        operands = [self.of(expr.left), *(self.of(other) for _, other in expr.ops)]
        if any(o.kind.is_tensor for o in operands):
            return _tensor_from(*operands)
        if any(o.kind is Kind.ARRAY for o in operands):
            return Answer(Kind.ARRAY)
        if all(o.kind in (Kind.SCALAR, Kind.BOOL, Kind.NONE) for o in operands):
            return Answer(Kind.BOOL, _weakest(*operands)[0])
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
        return self._agree([self._binding(assignment) for assignment in assignments])

    def _binding(self, assignment: nodes.NodeNG) -> Answer:
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
            dtype = _arithmetic_dtype(statement.op[:-1], previous.dtype, added.dtype)
            return Answer(Kind.SCALAR, _weakest(previous, added)[0], dtype)
        if previous.kind is Kind.CONTAINER and statement.op == "+=":
            return previous
        return UNKNOWN

    def _previous(self, assignment: nodes.AssignName) -> Answer | None:
        """The kind of a name just before ``assignment`` rebinds it (earlier bindings in its scope)."""
        scope = assignment.scope()
        earlier = [
            b
            for b in scope.locals.get(assignment.name, ())
            if b is not assignment and b.scope() is scope and (b.lineno or 0) < (assignment.lineno or 0)
        ]
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
        return self._agree(answers) if answers else None

    def _with_name(self, value: nodes.NodeNG, name: str, previous: Answer) -> Answer:
        """The kind of ``value`` when the Name ``name`` in it has kind ``previous``."""
        overrides = [n for n in value.nodes_of_class(nodes.Name) if n.name == name]
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
            for sub in value.nodes_of_class(nodes.NodeNG):
                if sub not in saved:
                    self._cache.pop(sub, None)
        return answer

    # -- parameters ----------------------------------------------------------------
    def _parameter(self, assignment: nodes.AssignName) -> Answer:
        arguments = assignment.parent
        function = arguments.parent
        if not isinstance(function, (nodes.FunctionDef, nodes.Lambda)):
            return UNKNOWN
        if arguments.vararg == assignment.name or arguments.kwarg == assignment.name:
            return Answer(Kind.CONTAINER)
        positional = parameters(function)
        all_positional = [a.name for a in (arguments.posonlyargs or []) + (arguments.args or [])]
        if all_positional and all_positional[0] == assignment.name and assignment.name not in positional:
            return Answer(Kind.OBJECT)  # self / cls
        hybrid = self._hybrid_of_function(function)
        if hybrid is not None and getattr(hybrid, "has_input_signature", False) and assignment.name in positional:
            specs = getattr(hybrid, "signature", None)  # the parsed input_signature: the spec's dtype when literal
            index = positional.index(assignment.name)
            return Answer(Kind.TENSOR, dtype=specs[index].dtype if specs and index < len(specs) else None)
        from pylint_hybridize.model.contexts import is_keras_call_input  # pylint: disable=import-outside-toplevel

        if is_keras_call_input(assignment, arguments):
            return Answer(Kind.TENSOR)  # Keras calls Layer.call with tensors (symbolic under fit and when building)
        annotation = _annotation(arguments, assignment)
        if annotation is not None:
            hinted = self._hint(annotation)
            if hinted.kind is not Kind.UNKNOWN:
                return hinted
        from_sites = self._from_call_sites(function, assignment.name, hybrid is not None)
        if from_sites is not None:
            return from_sites
        if (
            hybrid is not None
            and self.policy is Policy.ASSUME_TENSOR
            and assignment.name in positional
            and default_of(function, assignment.name) is None
            and annotation is None
        ):
            hybrid_name = getattr(hybrid, "name", "the tf.function")
            return Answer(
                Kind.TENSOR,
                Basis.ASSUMED,
                assumption=f"assuming '{assignment.name}' is a tensor: no call of '{hybrid_name}' is visible "
                "(TF's guidance is to pass tensors)",
            )
        return UNKNOWN

    def _from_call_sites(self, function: nodes.NodeNG, parameter: str, is_hybrid: bool) -> Answer | None:
        """A tensor when a visible call passes one (and none passes a Python scalar); a Python scalar when
        every visible call passes one. None when no call site is visible."""
        if self._sites_of is None:
            return None
        calls = self._sites_of(function)
        if not calls:
            return None
        answers: list[tuple[Answer, nodes.Call]] = []
        for call in calls:
            binding = bind_arguments(call, function)
            argument = binding.values.get(parameter)
            if argument is None:
                default = default_of(function, parameter)
                answers.append((self.of(default) if default is not None and binding.complete else UNKNOWN, call))
                continue
            answer = self.of(argument)
            if is_hybrid and answer.kind is Kind.ARRAY:
                answer = Answer(Kind.TENSOR, answer.basis, assumption=answer.assumption)  # converted on the call
            answers.append((answer, call))
        tensors = [(a, c) for a, c in answers if a.kind.is_tensor]
        scalars = [(a, c) for a, c in answers if a.kind.is_python_scalar]
        if tensors and not scalars:
            answer, call = min(tensors, key=lambda pair: pair[0].basis)
            where = _site_text(call, function)
            assumption = answer.assumption if answer.basis is Basis.ASSUMED else f"'{parameter}' is a tensor at the call on {where}"
            return Answer(Kind.TENSOR, min(answer.basis, Basis.CALL_SITE), assumption=assumption)
        if scalars and len(scalars) == len(answers):
            kinds = {a.kind for a, _c in scalars}
            dtypes = {a.dtype for a, _c in scalars}
            kind = Kind.BOOL if kinds == {Kind.BOOL} else Kind.SCALAR
            basis = min(min(a.basis for a, _c in scalars), Basis.CALL_SITE)
            return Answer(kind, basis, dtypes.pop() if len(dtypes) == 1 else None,
                          f"'{parameter}' is a Python value at the call on {_site_text(scalars[0][1], function)}")
        return UNKNOWN

    def _hybrid_of_function(self, function: nodes.NodeNG):
        if self._hybrid_of is not None:
            found = self._hybrid_of(function)
            if found is not None:
                return found
        if isinstance(function, nodes.FunctionDef) and function.decorators:
            from pylint_hybridize.model.hybrids import HybridFinder  # pylint: disable=import-outside-toplevel

            return HybridFinder(self._extra_wrappers).from_decorators(function)
        return None

    def _hint(self, annotation: nodes.NodeNG) -> Answer:
        if isinstance(annotation, nodes.Const) and isinstance(annotation.value, str):
            return UNKNOWN  # a string annotation: not parsed
        builtin = names.builtin_name(annotation) if isinstance(annotation, nodes.Name) else None
        if builtin in catalogue.SCALAR_HINTS:
            dtype = catalogue.SCALAR_HINTS[builtin]
            return Answer(Kind.BOOL if builtin == "bool" else Kind.SCALAR, Basis.HINT, dtype)
        if builtin in catalogue.CONTAINER_HINTS:
            return Answer(Kind.CONTAINER, Basis.HINT)
        if isinstance(annotation, (nodes.Name, nodes.Attribute)):
            qualified = names.qualified_name(annotation)
            if qualified in catalogue.TENSOR_HINTS:
                return Answer(Kind.TENSOR, Basis.HINT)
        return UNKNOWN

    # -- merging ---------------------------------------------------------------
    @staticmethod
    def _agree(answers: list[Answer]) -> Answer:
        """One answer for several possible values: their common kind, else UNKNOWN.

        Tensor and tf.Variable agree as TENSOR; int and float scalars as SCALAR.
        """
        if not answers:
            return UNKNOWN
        kinds = {a.kind for a in answers}
        basis, assumption = _weakest(*answers)
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


# -- helpers ------------------------------------------------------------------------
def _tensor_from(*answers: Answer) -> Answer:
    """A tensor, on the strongest basis among the operands that are tensors."""
    strongest = max((a for a in answers if a.kind.is_tensor), key=lambda a: a.basis)
    return Answer(Kind.TENSOR, strongest.basis, assumption=strongest.assumption)


def _const(value: object) -> Answer:
    if isinstance(value, bool):
        return Answer(Kind.BOOL, dtype="bool")
    if value is None:
        return Answer(Kind.NONE)
    if isinstance(value, (int, float, complex, str, bytes)):
        return Answer(Kind.SCALAR, dtype=catalogue.PYTHON_DTYPES.get(type(value)))
    return Answer(Kind.OBJECT)


def _builtin_call(builtin: str, call: nodes.Call) -> Answer:
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


def _arithmetic_dtype(op: str, left: str | None, right: str | None) -> str | None:
    """The dtype tf.constant gives ``left <op> right`` for Python numbers."""
    if left is None or right is None:
        return None
    if "string" in (left, right):
        return "string" if op == "+" and left == right else None
    if op == "/" or "float32" in (left, right):
        return "float32"
    if op == "**":
        return None  # int ** negative int is a float
    return "int32"


def _mentions(value: nodes.NodeNG, name: str) -> bool:
    return any(n.name == name for n in value.nodes_of_class(nodes.Name))


def _annotation(arguments: nodes.Arguments, assignment: nodes.AssignName) -> nodes.NodeNG | None:
    groups = (
        (arguments.posonlyargs or [], arguments.posonlyargs_annotations or []),
        (arguments.args or [], arguments.annotations or []),
        (arguments.kwonlyargs or [], arguments.kwonlyargs_annotations or []),
    )
    for parameters_, hints in groups:
        for parameter, annotation in zip(parameters_, hints):
            if parameter is assignment:
                return annotation
    return None


def _returns(function: nodes.FunctionDef) -> list[nodes.Return]:
    found = []
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Return):
            found.append(node)
        if isinstance(node, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef)):
            continue
        stack.extend(node.get_children())
    return found


def _site_text(call: nodes.Call, function: nodes.NodeNG) -> str:
    module = call.root()
    if module is not function.root():
        return f"{(module.name or '').rsplit('.', 1)[-1]}.py:{call.lineno}"
    return f"line {call.lineno}"


# -- the context-free form ----------------------------------------------------------------
_CONTEXT_FREE = Kinds()


def value_kind(expr: nodes.NodeNG | None) -> Kind:
    """Best syntactic guess of what ``expr`` evaluates to (no call sites, no assumption)."""
    if len(_CONTEXT_FREE._cache) > 20000:  # pylint: disable=protected-access
        _CONTEXT_FREE._cache.clear()  # pylint: disable=protected-access
    return _CONTEXT_FREE.kind(expr)
