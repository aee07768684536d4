"""Helpers of the execution-mode checker: tensor expressions, autograph defaults, fixes, cycles."""

import astroid
import pytest

from pylint_hybridize.checkers import _graph_control_flow as control_flow
from pylint_hybridize.checkers import _trace_values as trace_values
from pylint_hybridize.engine import Engine
from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.hybrids.functions import HybridFinder
from pylint_hybridize.model.values.kinds import Kinds

PRELUDE = "import tensorflow as tf\nimport numpy as np\n"


def _last_value(source: str):
    module = astroid.parse(PRELUDE + source)
    return module.body[-1].value


@pytest.mark.parametrize(
    "decorator, expected",
    [
        ("@tf.function", True),
        ("@tf.function(autograph=False)", False),
        ("@tf.function(autograph=FLAG)", None),
        ("@common.function", False),
        ("@common.function(autograph=True)", True),
    ],
)
def test_effective_autograph(decorator, expected):
    module = astroid.parse(
        "import tensorflow as tf\nfrom tf_agents.utils import common\nFLAG = True\n"
        f"{decorator}\ndef f(x):\n    return x\n"
    )
    finder = HybridFinder(("tf_agents.utils.common.function",))
    hybrid = finder.from_decorators(module.body[-1])
    assert hybrid is not None
    assert hybrid.effective_autograph is expected


@pytest.mark.parametrize(
    "statement, replacement",
    [
        ("assert y > 0", "tf.debugging.assert_positive(y)"),
        ("assert 0 <= y", "tf.debugging.assert_non_negative(y)"),
        ("assert y < 0, 'neg'", "tf.debugging.assert_negative(y, message='neg')"),
        ("assert y <= z", "tf.debugging.assert_less_equal(y, z)"),
        ("assert y == z", "tf.debugging.assert_equal(y, z)"),
        ("assert y != 0", "tf.debugging.assert_none_equal(y, 0)"),
        ("assert tf.reduce_all(y)", "tf.debugging.Assert(tf.reduce_all(y), ['assert tf.reduce_all(y) failed'])"),
        ("assert tf.math.is_finite(y)", "tf.debugging.Assert(tf.reduce_all(tf.math.is_finite(y)), ['assert tf.math.is_finite(y) failed'])"),
    ],
)
def test_assert_replacement(statement, replacement):
    module = astroid.parse(PRELUDE + statement)
    assert trace_values._assert_replacement(module.body[-1], "tf") == replacement  # pylint: disable=protected-access


def _findings(source: str):
    return [(f.line, f.symbol) for f in Engine().check_source(PRELUDE + source, "case.py")]


def test_range_threshold_boundary():
    body = "@tf.function\ndef f(x):\n    for _ in range({n}):\n        x = tf.sin(x)\n    return x\n"
    assert _findings(body.format(n=control_flow.RANGE_UNROLL_THRESHOLD - 1)) == []
    assert _findings(body.format(n=control_flow.RANGE_UNROLL_THRESHOLD)) == [(5, "python-range-unrolled")]


def test_range_parameter_under_input_signature_is_a_tensor_loop():
    source = (
        "@tf.function(input_signature=[tf.TensorSpec([], tf.int32)])\n"
        "def f(n=5000):\n    x = tf.constant(0.0)\n    for _ in range(n):\n        x = tf.sin(x)\n    return x\n"
    )
    assert _findings(source) == []


def test_cycle_paths():
    source = (
        "def a(t):\n    return b(tf.identity(t))\n"
        "def b(t):\n    return c(t)\n"
        "def c(t):\n    return a(t)\n"
        "@tf.function\ndef h(x):\n    return a(x)\n"
    )
    module = astroid.parse(PRELUDE + source)
    model = TraceModel.for_module(module)
    cycles = [model.recursion(call) for call in model.calls]
    paths = sorted({cycle.calls[0][1] for cycle in cycles if cycle is not None})
    assert len({id(c) for c in cycles if c is not None}) == 1  # one cycle, closed by three calls
    assert sorted(p for _c, p in next(c for c in cycles if c).calls) == [
        "a -> b -> c -> a", "b -> c -> a -> b", "c -> a -> b -> c"]
    assert paths == ["a -> b -> c -> a"]
    # one message per cycle, at its first call that passes a tensor
    assert _findings(source) == [(4, "recursion-in-graph")]


def test_numpy_fix_edits_only_for_compatible_signatures():
    source = "@tf.function\ndef f(x):\n    y = tf.square(x)\n    return np.mean(y, axis=0), np.mean(y, dtype=np.float64)\n"
    found = sorted(
        (f.col, f.fix is not None and f.fix.applicable) for f in Engine().check_source(PRELUDE + source, "case.py")
    )
    # np.mean(y, axis=0) gets the name-swap edit; dtype= has no tf.reduce_mean equivalent: text only
    assert found == [(11, True), (31, False)]


@pytest.mark.parametrize(
    "source",
    [
        "tf.compat.v1.executing_eagerly_outside_functions()",
        "tf.inside_function()",
        "tf.compat.v1.get_default_graph()",
        "tf.debugging.is_numeric_tensor(x)",
    ],
)
def test_python_valued_tf_apis_are_not_tensors(source):
    assert Kinds().is_tensor(_last_value(source)) is False


def _apply(source: str, edits) -> str:
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    text = source
    for edit in sorted(edits, key=lambda e: (e.line, e.col), reverse=True):
        start = offsets[edit.line - 1] + edit.col
        end = offsets[edit.end_line - 1] + edit.end_col
        text = text[:start] + edit.replacement + text[end:]
    return text


@pytest.mark.parametrize(
    "line, fixed",
    [
        ("    assert tf.reduce_min(x) > 0, 'neg'\n", "    tf.debugging.assert_positive(tf.reduce_min(x), message='neg')\n"),
        ("    m = np.mean(tf.square(x), axis=0)\n", "    m = tf.reduce_mean(tf.square(x), axis=0)\n"),
        ("    s = tf.reduce_sum(x).numpy()\n", "    s = tf.reduce_sum(x)\n"),
        ("    b = bool(tf.reduce_sum(x) > 0)\n", "    b = tf.cast(tf.reduce_sum(x) > 0, tf.bool)\n"),
        ("    for _ in range(2000):\n        x = tf.sin(x)\n", "    for _ in tf.range(2000):\n        x = tf.sin(x)\n"),
    ],
)
def test_fix_edits_produce_the_documented_code(line, fixed):
    source = PRELUDE + "@tf.function\ndef f(x):\n" + line + "    return x\n"
    findings = Engine().check_source(source, "case.py")
    assert len(findings) == 1, findings
    fix = findings[0].fix
    assert fix is not None and fix.applicable and not fix.safe
    assert _apply(source, fix.edits) == PRELUDE + "@tf.function\ndef f(x):\n" + fixed + "    return x\n"
