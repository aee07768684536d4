"""The dtype that python-scalar-retracing's input_signature hint names (tf.constant's dtype)."""

import astroid
import pytest

from pylint_hybridize.checkers.retracing import _literal_dtype
from pylint_hybridize.model.values.kinds import Kinds


def _argument_dtype(source: str) -> str:
    """``source`` is a loop whose last statement is ``f(<argument>)``; the model's dtype for the argument."""
    module = astroid.parse(source)
    call = list(module.nodes_of_class(astroid.nodes.Call))[-1]
    dtype = Kinds().of(call.args[0]).dtype
    return f"tf.{dtype}" if dtype else "..."


@pytest.mark.parametrize(
    "loop, argument, dtype",
    [
        ("for step in range(10):", "step", "tf.int32"),
        ("for step in range(10):", "step * 2 + 1", "tf.int32"),
        ("for step in range(10):", "step / 2", "tf.float32"),
        ("for epoch in range(10):", "0.1 * epoch", "tf.float32"),
        ("for i, x in enumerate(xs):", "i", "tf.int32"),
        ("for lr in [0.1, 0.01]:", "lr", "tf.float32"),
        ("for n in [1, 2.5]:", "n", "..."),  # mixed literals: no guess
        ("for step in range(10):", "2 ** step", "..."),  # int ** int can be a float
        ("for step in range(10):", "step * scale", "..."),  # unknown operand
        ("for x in data:", "x", "..."),
    ],
)
def test_scalar_dtype(loop: str, argument: str, dtype: str):
    assert _argument_dtype(f"{loop}\n    f({argument})\n") == dtype


def test_scalar_dtype_through_an_assignment_in_the_loop():
    assert _argument_dtype("for step in range(10):\n    lr = 0.5 ** 2 * step\n    f(lr)\n") == "tf.float32"


@pytest.mark.parametrize(
    "values, dtype",
    [([1, 2, 3], "tf.int32"), ([1, 2.5, 3], "tf.float32"), (["a", "b", "c"], "tf.string"), ([1, "a", 2], "...")],
)
def test_literal_dtype(values, dtype):
    assert _literal_dtype(values, "tf") == dtype
