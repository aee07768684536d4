"""Value kinds of expressions."""

import astroid
import pytest

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.values.answers import Kind
from pylint_hybridize.model.values.kinds import value_kind


def _kind(source: str) -> Kind:
    module = astroid.parse("import tensorflow as tf\nimport numpy as np\n" + source)
    return value_kind(module.body[-1].value)


@pytest.mark.parametrize(
    "source, kind",
    [
        ("tf.constant(1)", Kind.TENSOR),
        ("tf.reduce_sum(x) * 2", Kind.TENSOR),
        ("tf.Variable(1.0)", Kind.VARIABLE),
        ("np.int32(3)", Kind.ARRAY),
        ("3", Kind.SCALAR),
        ("2.5", Kind.SCALAR),
        ("True", Kind.BOOL),
        ("None", Kind.NONE),
        ("[1, 2]", Kind.CONTAINER),
        ("len(x)", Kind.SCALAR),
        ("3 * 4", Kind.SCALAR),
        ("tf.TensorSpec([], tf.int32)", Kind.OBJECT),
        ("tf.data.Dataset.range(3)", Kind.UNKNOWN),
        ("unknown_call()", Kind.UNKNOWN),
        ("tf.ones([3])[0]", Kind.TENSOR),
    ],
)
def test_expression_kinds(source, kind):
    assert _kind(source) is kind


def test_loop_variables():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "for i in range(10):\n    i\n"
        "for j in tf.range(10):\n    j\n"
    )
    assert value_kind(module.body[1].body[0].value) is Kind.SCALAR
    assert value_kind(module.body[2].body[0].value) is Kind.TENSOR


def test_enumerate_index_is_a_python_int():
    module = astroid.parse("for i, x in enumerate(items):\n    i\n    x\n")
    assert value_kind(module.body[0].body[0].value) is Kind.SCALAR
    assert value_kind(module.body[0].body[1].value) is Kind.UNKNOWN


def test_assigned_names_and_parameters():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])\n"
        "def f(x):\n"
        "    y = x * 2\n"
        "    return y\n"
        "def g(x):\n"
        "    return x\n"
    )
    assert value_kind(module.body[1].body[1].value) is Kind.TENSOR
    assert value_kind(module.body[2].body[0].value) is Kind.UNKNOWN


def test_class_instances():
    module = astroid.parse("class C: pass\nC()\n")
    assert value_kind(module.body[1].value) is Kind.OBJECT


@pytest.mark.parametrize(
    "source, holds",
    [
        ("tf.constant(1)", True),
        ("tf.unstack(x)", True),  # a list of tensors
        ("[1, 2]", False),  # a container not known to hold tensors
        ("tf.Variable(1.0)", False),  # not symbolic: it outlives the trace
        ("np.zeros(3)", False),
        ("3", False),
    ],
)
def test_answer_holds_tensors(source, holds):
    module = astroid.parse("import tensorflow as tf\nimport numpy as np\n" + source)
    assert TraceModel.for_module(module).kind(module.body[-1].value).holds_tensors is holds
