"""Helpers traced by contexts of other modules that spell no tf.function: Layer.call (Keras 3, no
autograph) in layers.py, Dataset.map in data.py; and a tf.function in steps.py that reaches one of
them converted (the Keras path still fails)."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


def clip(x):
    if tf.reduce_sum(x) > 0:  # [tensor-python-control-flow]
        return x
    return -x


def augment(x):
    print("augmenting", x)  # [print-at-trace-time]
    return x * 2


# ---- negatives ----------------------------------------------------------
def clamp(x):
    if tf.reduce_sum(x) > 0:  # only steps.py's tf.function reaches it: autograph converts the if
        return x
    return -x


@tf.function
def shrink(x):
    if tf.reduce_sum(x) > 0:  # a tf.function converts its own body, whoever calls it (layers.py's call too)
        return x / 2
    return x


def eager_only(x):
    print("eager", x)  # called by nothing traced
    return x
