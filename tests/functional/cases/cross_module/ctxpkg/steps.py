"""A tf.function reaching helpers of helpers.py: autograph converts them on this path."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

from ctxpkg.helpers import clamp, clip


@tf.function
def step(x):
    return clip(x) + clamp(x)
