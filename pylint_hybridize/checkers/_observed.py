"""observed-retracing: report the traces a test run recorded (see ``model.traces``), with the fix.

Called by the retracing checker once per module; kept apart so that the checker stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import HIGH

from pylint_hybridize import fixes
from pylint_hybridize.model import (
    HybridFunction,
    traces,
)

if TYPE_CHECKING:
    from pylint_hybridize.checkers.base import HybridizeChecker

SYMBOL = "observed-retracing"


def report_observed_retracing(checker: HybridizeChecker, module: nodes.Module) -> None:
    record = traces.record_for(module, getattr(checker.linter.config, "hybridize_traces", None) or None)
    if record is None:
        return
    for hybrid in checker.model(module).hybrids:
        if hybrid.function.root() is not module:
            continue
        entry = traces.entry_for(record, hybrid)
        if hybrid.has_input_signature:
            continue  # fixed already (the entry is stale then: noted)
        observation = traces.analyse(entry, traces.parameters(hybrid.function)) if entry else None
        if observation is None:
            continue
        fix = observed_fix(hybrid, observation)
        what = ", ".join(observation.causes) or f"{observation.signatures} different argument signatures"
        checker.report(SYMBOL, hybrid.function, args=(hybrid.name, observation.traces, what, fix.description),
                       confidence=HIGH, fix=fix)


def observed_fix(hybrid: HybridFunction, observation: traces.Observation) -> fixes.Fix:
    """input_signature= (shapes and Python numbers), else reduce_retracing=True (ranks), else advice only."""
    prefix, needs_import = fixes.tf_prefix(hybrid.function)
    constants = [f"pass {prefix}.constant({name})" for name in observation.scalars]
    option = None
    if observation.specs:
        option = f"input_signature=[{', '.join(spec.render(prefix) for spec in observation.specs)}]"
        text = option
    elif observation.relax_shapes:
        option = "reduce_retracing=True" if hybrid.option("reduce_retracing") is None else None
        text = f"add reduce_retracing=True to its {prefix}.function" if option else "pass tensors of one rank"
    elif constants:
        text = constants.pop(0)
    else:
        text = f"pass tensors ({prefix}.constant/{prefix}.stack), or make the argument type a tf.experimental.ExtensionType"
    description = ", or ".join([text, *constants])
    edit = None
    if option is not None and not hybrid.is_wrapper:
        edit = fixes.add_tf_function_option(hybrid.creation, option)
    # unsafe: the arguments become tensors of the recorded dtypes (a Python int becomes an int32 tensor),
    # other callers may pass what the test run did not, and code reading x.shape sees None
    return fixes.Fix(description, (edit,) if edit else (), safe=False, needs_tf_import=needs_import and edit is not None)


_CONFIRMED = frozenset({"python-scalar-retracing", "new-object-retracing", "varying-shape-retracing",
                        "tf-function-created-in-loop", "over-specified-input-signature"})


def confirmed(checker: HybridizeChecker, symbol: str, node: nodes.NodeNG, args: tuple | None) -> tuple | None:
    """A static retracing message's args, its last one ending '; confirmed: N traces in the test run'.

    Only when the record holds more than one trace of the hybrid the message is about (all its
    tf.function objects, eager calls); otherwise, or without a record, the args are unchanged.
    """
    if symbol not in _CONFIRMED or not args or not isinstance(args[-1], str):
        return args
    module = node.root()
    record = traces.record_for(module, getattr(checker.linter.config, "hybridize_traces", None) or None)
    hybrid = checker.model(node).hybrid_concerning(node) if record is not None else None
    entry = traces.entry_for(record, hybrid) if hybrid is not None else None
    count = sum(int(t.get("count", 1)) for t in entry["traces"] if not t.get("graph")) if entry else 0
    if count < 2:
        return args
    return (*args[:-1], f"{args[-1]}; confirmed: {count} traces in the test run")
