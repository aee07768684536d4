"""next() on a Python iterator handed to a tf.function as an argument (peer tools' programs, session 35).

The same iterator object reaching a second call reuses the first trace: next() ran once, while tracing,
and every call returns the first item (measured: [1, 1, 1], 1 trace). A fresh iterator per call retraces
instead (each value right; new-object-retracing's concern), and one call consumes one item: both silent."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf

SHARED = iter([1.0, 2.0, 3.0])
ONCE = iter([1.0, 2.0])
FROM_DATASET = iter(tf.data.Dataset.range(3))


@tf.function
def consume(x, values):
    return x + next(values)  # [frozen-value-at-trace-time]


@tf.function
def consume_in_loop(x, values):
    return x + next(values)  # [frozen-value-at-trace-time]


consume(tf.constant(1.0), SHARED)
consume(tf.constant(2.0), SHARED)


def drive(batches):
    steps = iter(range(10))
    for batch in batches:
        consume_in_loop(batch, steps)


# ---- negatives ----------------------------------------------------------


@tf.function
def consume_once(x, values):
    return x + next(values)


consume_once(tf.constant(1.0), ONCE)


@tf.function
def consume_fresh(x, values):
    return x + next(values)


consume_fresh(tf.constant(1.0), iter([1.0, 2.0]))
consume_fresh(tf.constant(2.0), iter([3.0, 4.0]))


@tf.function
def consume_dataset(x, values):
    return x + tf.cast(next(values), tf.float32)  # a tf.data iterator: next() is a graph op


consume_dataset(tf.constant(1.0), FROM_DATASET)
consume_dataset(tf.constant(2.0), FROM_DATASET)


@tf.function
def consume_per_iteration(x, values):
    return x + next(values)


def per_iteration(rows):
    for row in rows:
        fresh = iter(row)
        consume_per_iteration(tf.constant(1.0), fresh)
