"""What a call site passes (model.arguments): keyed arguments, Python literals across call sites."""

import astroid
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.values.arguments import keyed_arguments, scalar_literals


def test_keyed_arguments():
    call = astroid.extract_node("f(a, *rest, b, key=c, **more)")
    assert [(k, v.as_string()) for k, v in keyed_arguments(call)] == [(0, "a"), (2, "b"), ("key", "c")]
    assert [(k, v.as_string()) for k, v in keyed_arguments(call, starred=True)] == [
        (0, "a"), (1, "*rest"), (2, "b"), ("key", "c")
    ]


def test_scalar_literals():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "f(x, 1)\nf(x, 2, mode='a')\nf(x, 1, mode='b')\nf(x, n)\nf(x, None)\nf(x, True)\nf(*xs, 3)\n"
    )
    model = TraceModel.for_module(module)
    calls = list(module.nodes_of_class(nodes.Call))
    found = {key: list(values) for key, values in scalar_literals(calls, model).items()}
    # None and bools are not Python scalars here; positions are those written in the call (f(*xs, 3): 1)
    assert found == {1: [1, 2, 3], "mode": ["a", "b"]}
    first = scalar_literals(calls, model)[1][1]
    assert first.lineno == 2  # the first call passing the value
