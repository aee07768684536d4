"""What graph code does differently (model.graphs)."""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import Kind, TraceModel
from pylint_hybridize.model.execution.graphs import eager_or_caught, endless_recursion, runtime_error_names

PRELUDE = "import tensorflow as tf\nimport numpy as np\n"


@pytest.mark.parametrize(
    "handler, expected",
    [
        ("except ZeroDivisionError:", ["ZeroDivisionError"]),
        ("except (ValueError, FloatingPointError):", ["FloatingPointError"]),
        ("except tf.errors.InvalidArgumentError:", ["tf.errors.InvalidArgumentError"]),
        ("except (tf.errors.OpError, ZeroDivisionError) as e:", ["tf.errors.OpError", "ZeroDivisionError"]),
        ("except ValueError:", []),  # raised while tracing: caught
        ("except Exception:", []),
        ("except:", []),
        ("except errors[0]:", []),
    ],
)
def test_runtime_error_names(handler, expected):
    module = astroid.parse(PRELUDE + f"try:\n    y = x / 0\n{handler}\n    y = 0\n")
    try_node = next(module.nodes_of_class(nodes.Try))
    assert runtime_error_names(try_node.handlers[0]) == expected


def test_runtime_error_names_shadowed_builtin():
    module = astroid.parse("class ZeroDivisionError(Exception):\n    pass\ntry:\n    pass\nexcept ZeroDivisionError:\n    pass\n")
    assert runtime_error_names(next(module.nodes_of_class(nodes.Try)).handlers[0]) == []


def _recursive_calls(source: str) -> tuple[TraceModel, dict[str, nodes.Call]]:
    module = astroid.parse(PRELUDE + source)
    model = TraceModel.for_module(module)
    calls = {c.as_string(): c for c in module.nodes_of_class(nodes.Call) if model.recursion(c) is not None}
    return model, calls


def test_endless_recursion():
    model, calls = _recursive_calls(
        "@tf.function\ndef f(x):\n    return f(x - 1)\n"  # a hybrid calling itself
        "@tf.function\ndef g(x):\n    return walk(x, 3)\n"
        "def walk(t, n):\n    return walk(tf.square(t), n)\n"  # a tensor argument
        "@tf.function\ndef h(x):\n    return tree(x, [1, [2]])\n"
        "def tree(x, items):\n"
        "    if len(items) == 1:\n        return x\n"
        "    return tree(x, items[1:])\n"  # a static base case: unrolled while tracing
    )
    assert endless_recursion(calls["f(x - 1)"], "", model).kind is Kind.TENSOR
    answer = endless_recursion(calls["walk(tf.square(t), n)"], "", model)
    assert answer is not None and answer.is_tensor
    assert endless_recursion(calls["tree(x, items[1:])"], "", model) is None


def test_eager_or_caught():
    module = astroid.parse(
        PRELUDE
        + "@tf.function\ndef f(x):\n"
        "    a = x.numpy()\n"
        "    try:\n        c = x.numpy()\n    except AttributeError:\n        pass\n"
        "    with tf.init_scope():\n        d = x.numpy()\n"
        "    return x\n"
        # an eager-mode check anywhere in the function covers all of it
        "@tf.function\ndef g(x):\n"
        "    if not tf.executing_eagerly():\n        return x\n"
        "    return x.numpy()\n"
    )
    model = TraceModel.for_module(module)
    calls = [c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "x.numpy"]
    assert [eager_or_caught(c, model) for c in calls] == [False, True, True, True]


def test_recursion_without_a_base_case():
    model, calls = _recursive_calls(
        "class T:\n"
        "    def depth(self, x):\n        y = x - 1\n        return self.depth(y) + 1\n"  # no base case
        "    def guarded(self, x):\n        if x:\n            return self.guarded(x)\n        return x\n"
        "    def early(self, x):\n        for _ in x:\n            return x\n        return self.early(x)\n"
        "    @tf.function\n    def run(self, x):\n        return self.depth(x) + self.guarded(x) + self.early(x)\n"
    )
    assert endless_recursion(calls["self.depth(y)"], "", model) is not None
    assert endless_recursion(calls["self.guarded(x)"], "", model) is None
    assert endless_recursion(calls["self.early(x)"], "", model) is None
