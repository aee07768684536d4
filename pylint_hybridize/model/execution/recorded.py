"""``tf-function-opportunity``'s fix settings from the user's own test run (issue 30).

``pytest --hybridize-traces`` observes the eager calls of the functions the rule proposes, or would
propose given an ``input_signature`` (an ``eager`` entry of the trace record: ``model.execution.traces``).
Where the static shape facts cannot prove a signature (a parameter's value comes from outside the
linted code), the observed calls can:

- every observed call passes exactly the parameters (no default left to the def, no extra keyword),
  and passes each one tensors of one rank and one TF dtype, or Python ints/floats that
  ``signatures.used_as_tensor`` accepts as a scalar tensor (then ``TensorSpec([], int32/float32)``);
- dimensions are ``None``: a test's small batch or image size is no size production code is held
  to, and a fixed dimension would reject its calls (``over-specified-input-signature``). The one
  exception is the last dimension of a tensor of rank 2 or more, written when every call agreed on
  it: an unbuilt Keras layer builds its weights from it (``signatures``' refusal of a None last
  dimension); calls that disagreed on it get no signature. A dimension the static facts prove (a
  literal in every visible call) is written as the static path writes it;
- the static refusals hold: with a dimension left None, no static ``.shape`` read in the graph. In
  judging a Python number's uses, a parameter the calls passed tensors in is such a tensor.

Where the record contradicts the static facts (another rank or dtype, or a size other than a literal
every visible call passes), the record saw calls the linted code does not show: a signature from
either side would reject the other's calls with a TypeError, so the rule stays silent
(``contradicts``). Where shapes varied between calls and no signature is proven,
``reduce_retracing=True``. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from astroid import nodes

from pylint_hybridize.model.execution.signatures import Spec, reads_static_shape, used_as_tensor
from pylint_hybridize.model.execution.traces import ObservedParameter, eager_entry, observed_parameters
from pylint_hybridize.model.syntax.binding import parameters as binding_parameters
from pylint_hybridize.model.values.shape_facts import ShapeFacts
from pylint_hybridize.model.values.shapes import Shape


@dataclass(frozen=True)
class Recorded:
    """What the observed eager calls say about the decorator the fix would write."""

    signature: tuple[Spec, ...] | None
    """The input_signature they prove (static facts and static refusals kept), or None."""
    retraces: bool
    """A bare decorator would trace more than once on them (shapes or Python numbers or objects varied)."""
    reduce_retracing: bool
    """Only tensor shapes varied and no signature is proven: ``reduce_retracing=True`` is the fix."""
    contradicts: bool
    """They disagree with a static fact: silent."""


def recorded_settings(
    model, function: nodes.FunctionDef, facts: ShapeFacts, helpers: Iterable[nodes.FunctionDef],
) -> Recorded | None:
    """What the trace record's observed calls of ``function`` prove; None without a usable entry."""
    entry = eager_entry(function)
    arguments = function.args
    if entry is None or arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
        return None
    params = binding_parameters(function)
    observed = observed_parameters(entry, params) if params else None
    if observed is None:
        return None
    values = {name: [o["args"][name] for o in entry["observed"]] for name in params}
    static = {name: facts.parameter(function, name) for name in params}
    if any(o is not None and _contradicts(static[name], o) for name, o in observed.items()):
        return Recorded(None, True, False, True)
    shape_varies = any(_shape_varies(observed[name], values[name]) for name in params)
    other_varies = any(_other_varies(observed[name], values[name]) for name in params)
    signature = _signature(model, function, facts, helpers, observed, static)
    return Recorded(signature, shape_varies or other_varies, signature is None and shape_varies and not other_varies,
                    False)


def _contradicts(fact: Shape, seen: ObservedParameter) -> bool:
    if fact.dims is None:
        return fact.dtype is not None and fact.dtype != seen.dtype
    if len(fact.dims) != seen.rank or (fact.dtype is not None and fact.dtype != seen.dtype):
        return True
    return any(d is not None and any(shape[axis] != d for shape in seen.shapes) for axis, d in enumerate(fact.dims))


def _tensors_of_one_dtype(values: list[Any]) -> bool:
    return all(isinstance(v, dict) and v.get("t") == "tensor" for v in values) \
        and len({v.get("dtype") for v in values}) == 1


def _distinct(values: list[Any]) -> int:
    return len({json.dumps(v, sort_keys=True) for v in values})


def _shape_varies(seen: ObservedParameter | None, values: list[Any]) -> bool:
    if seen is not None:
        return seen.varies and not seen.python
    return _tensors_of_one_dtype(values) and _distinct(values) > 1  # ranks that differed


def _other_varies(seen: ObservedParameter | None, values: list[Any]) -> bool:
    """Python numbers, objects or structures that differed (bool flags: one trace each, as TF explains)."""
    if seen is not None:
        return seen.varies and seen.python
    if _tensors_of_one_dtype(values) or all(isinstance(v, dict) and v.get("type") == "bool" for v in values):
        return False
    return _distinct(values) > 1


class _ObservedFacts(ShapeFacts):
    """The shape facts, where a parameter of ``function`` that the record saw tensors in holds what
    the calls passed (rank, dtype, the last dimension they agreed on): so that ``used_as_tensor``
    sees ``tf.reduce_mean(x) * factor`` as arithmetic with a float32 tensor when ``x`` comes from
    outside the linted code."""

    def __init__(self, settings, function: nodes.FunctionDef, observed: dict[str, ObservedParameter | None]) -> None:
        super().__init__(settings)
        self._observed_function = function
        self._observed = {
            name: Shape(tuple([None] * (seen.rank - 1) + [seen.last]) if seen.rank else (), seen.dtype)
            for name, seen in observed.items() if seen is not None and not seen.python
        }

    def _parameter_fact(self, function: nodes.FunctionDef, name: str) -> Shape | None:
        if function is self._observed_function and name in self._observed:
            return self._observed[name]
        return super()._parameter_fact(function, name)


def _signature(model, function, facts, helpers, observed, static) -> tuple[Spec, ...] | None:  # noqa: PLR0913
    specs: list[Spec] = []
    overlay = _ObservedFacts(model.settings, function, observed)
    for name, seen in observed.items():
        if seen is None:
            return None
        if seen.python:
            if not used_as_tensor(model, function, name, seen.dtype, overlay, 0):
                return None  # range(n), if n > 2: a tensor would change what it computes
            specs.append(Spec((), seen.dtype))
            continue
        fact = static[name]
        dims = [fact.dims[axis] if fact.dims is not None else None for axis in range(seen.rank)]
        if seen.rank >= 2 and dims[-1] is None:
            dims[-1] = seen.last
            if seen.last is None:
                return None  # the calls disagreed on the last dimension: an unbuilt layer cannot build
        specs.append(Spec(tuple(dims), seen.dtype))
    if any(None in spec.dims for spec in specs) and reads_static_shape(function, helpers):
        return None
    return tuple(specs)
