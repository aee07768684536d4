"""The traced contexts read the measured entry-point catalogue (issue 27 step 4): which argument of
which call is a callable that runs traced."""

import astroid
import pytest

from pylint_hybridize.model.catalogue import tracing
from pylint_hybridize.model.catalogue.entry_points import ENTRY_POINTS
from pylint_hybridize.model.execution.contexts import dataset_contexts
from pylint_hybridize.model.execution.traced import traced_arguments

PRELUDE = "import tensorflow as tf\ndef a(x): return x\ndef b(x): return x\ndef c(x): return x\n"


def _names(source: str) -> list[str]:
    module = astroid.parse(PRELUDE + source)
    call = list(module.nodes_of_class(astroid.nodes.Call))[-1]
    return [f.name for f in traced_arguments(call)]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("tf.cond(p, a, b)", ["a", "b"]),
        ("tf.cond(p, false_fn=b, true_fn=a)", ["a", "b"]),
        ("tf.case([(p, a), (q, b)], default=c)", ["a", "b", "c"]),
        ("tf.switch_case(i, {0: a, 1: b}, default=c)", ["a", "b", "c"]),
        ("tf.switch_case(i, [a, b])", ["a", "b"]),
        ("tf.while_loop(a, b, [x])", ["a", "b"]),
        ("tf.map_fn(a, xs)", ["a"]),
        ("tf.nest.map_structure(a, xs)", ["a"]),
        ("tf.py_function(a, [x], tf.float32)", []),  # an eager island
        ("tf.numpy_function(a, [x], tf.float32)", []),
        ("strategy.run(a, args=(x,))", ["a"]),
        ("tf.map_fn(xs, a)", []),  # not the callable position
    ],
)
def test_traced_arguments(source, expected):
    assert _names(source) == expected


def test_dataset_contexts_take_the_catalogues_arguments():
    module = astroid.parse(
        PRELUDE
        + "ds = tf.data.Dataset.range(3)\n"
        "ds = ds.group_by_window(a, b, window_size_func=c)\n"
        "ds = ds.apply(tf.data.experimental.group_by_window(a, b, 2))\n"
        "ds = ds.reduce(0, b)\n"
    )
    calls = list(module.nodes_of_class(astroid.nodes.Call))
    found = [(c.tracer, c.function.name) for c in dataset_contexts(calls)]
    assert found == [
        ("Dataset.group_by_window", "a"), ("Dataset.group_by_window", "b"), ("Dataset.group_by_window", "c"),
        ("tf.data.experimental.group_by_window", "a"), ("tf.data.experimental.group_by_window", "b"),
        ("Dataset.reduce", "b"),
    ]


def test_tables_come_from_the_catalogue():
    assert tracing.GRAPH_CONTROL_FLOW <= set(ENTRY_POINTS)
    assert {f"{tracing.DATASET}.{m}" for m in tracing.DATASET_TRACING_METHODS} <= set(ENTRY_POINTS)
    assert tracing.DATA_EXPERIMENTAL_TRACING <= set(ENTRY_POINTS)
    assert "tensorflow.py_function" not in tracing.GRAPH_CONTROL_FLOW
