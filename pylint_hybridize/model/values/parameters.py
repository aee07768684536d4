"""What a parameter holds: an ``input_signature`` of a hybrid (tf.function or a configured wrapper),
what Keras passes to ``Layer.call``, a type hint, every visible call site of its function (this
module and the other modules of the package, from the call graph), then the policy.

``ParameterKinds`` is the part of ``Kinds`` that answers for parameters (``kinds.Kinds`` extends it).
"""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.calls.graph import CallGraph
from pylint_hybridize.model.hybrids.functions import HybridFinder, hybrid_of_any
from pylint_hybridize.model.hybrids.keras import is_keras_call_input
from pylint_hybridize.model.project.settings import Policy
from pylint_hybridize.model.project.store import node_fact
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.values.answers import UNKNOWN, Answer, Basis, Kind
from pylint_hybridize.model.syntax.binding import bind_arguments, default_of, parameters


class ParameterKinds:
    """What a parameter holds (the parameter half of ``Kinds``, which provides ``of``)."""

    _graph: CallGraph | None
    policy: Policy
    _extra_wrappers: tuple[str, ...]
    _cache: dict[nodes.NodeNG, Answer]
    _active: set[nodes.NodeNG]

    def of(self, expr: nodes.NodeNG | None) -> Answer:
        raise NotImplementedError

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
        if is_keras_call_input(assignment, arguments):
            # Keras calls Layer.call with tensors (symbolic under fit and when building), or a list / dict of
            # them: a HINT, so that what only a single tensor fails on (len, iteration) is not claimed of it
            return Answer(Kind.TENSOR, Basis.HINT, assumption=f"Keras passes '{assignment.name}' to call")
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
        if self._graph is None:
            return None
        calls = self._graph.calls_to(function)
        if not calls:
            return None
        answers: list[tuple[Answer, nodes.Call]] = []
        for call, argument, complete in _site_arguments(function, parameter, calls):
            if argument is None:
                default = node_fact(function, ("default", parameter), lambda: default_of(function, parameter))
                answers.append((self.of(default) if default is not None and complete else UNKNOWN, call))
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
        if self._graph is not None:
            found = hybrid_of_any(function, self._graph.settings)
            if found is not None:
                return found
        if isinstance(function, nodes.FunctionDef) and function.decorators:
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


def _site_arguments(
    function: nodes.NodeNG, parameter: str, calls: list[nodes.Call]
) -> Iterator[tuple[nodes.Call, nodes.NodeNG | None, bool]]:
    """(call, the argument it passes for ``parameter`` or None, whether its binding is complete) for each
    of ``calls`` (the visible calls of ``function``), from a table kept on the function per parameter
    with the list it was built from: every module model whose kinds reach the parameter asks, one
    look-up instead of one per call site (the bindings are syntax; ``calls_to`` keeps one list per
    function). The table holds the arguments in call order and the positions of incomplete bindings."""
    kept = node_fact(function, ("site-arguments", parameter), lambda: [None, (), ()])
    if kept[0] is not calls or len(kept[1]) != len(calls):
        arguments, incomplete = [], []
        for position, call in enumerate(calls):
            binding = node_fact(call, ("bind", function), lambda call=call: bind_arguments(call, function))
            arguments.append(binding.values.get(parameter))
            if not binding.complete:
                incomplete.append(position)
        kept[0], kept[1], kept[2] = calls, tuple(arguments), frozenset(incomplete) if incomplete else ()
    incomplete = kept[2]
    for position, (call, argument) in enumerate(zip(calls, kept[1])):
        yield call, argument, position not in incomplete


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


def _site_text(call: nodes.Call, function: nodes.NodeNG) -> str:
    module = call.root()
    if module is not function.root():
        return f"{(module.name or '').rsplit('.', 1)[-1]}.py:{call.lineno}"
    return f"line {call.lineno}"
