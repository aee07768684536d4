"""observed-retracing: report the traces a test run recorded (see ``model.traces``), with the fix.

Called by the retracing checker once per module; kept apart so that the checker stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import HIGH

from pylint_hybridize import fixes
from pylint_hybridize.model import traces
from pylint_hybridize.model.hybrids import HybridFunction

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
