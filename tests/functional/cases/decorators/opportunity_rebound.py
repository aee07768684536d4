"""Stable traces are proven, not presumed (issue 30): an argument the loop assigns anew to
something not proven a tensor (``count``, a Python number computed per iteration in DeepDream's
chunked ``while``) may retrace on every call; one rebound to a tensor does not."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(2)])


def run_chunk(x, count):
    for _ in tf.range(count):
        x = model(x)
    return x


def drive(x, total, chunk):
    remaining = total
    while remaining:
        count = chunk if remaining > chunk else remaining
        remaining -= count
        x = run_chunk(x, count)
    return x


def step(x):  # [tf-function-opportunity]
    return model(x)


def drive_tensors(x):
    for _ in range(3):
        y = tf.identity(x)
        x = step(y)
    return x
