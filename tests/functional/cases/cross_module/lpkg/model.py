"""Hybrids called with literal Python values here and in run.py (issue 15: literal sites across modules)."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


@tf.function
def resize(x, size):
    return tf.image.resize(x, [size, size])


def _scale(x, factor):
    return x * factor


scale = tf.function(_scale)


@tf.function
def shift(x, offset):
    return x + offset


image = tf.ones([1, 8, 8, 3])
resize(image, 32)
resize(image, 64)
shift(image, 1)
shift(image, 2)
shift(image, 3)  # [python-scalar-retracing]
