"""Hybrids defined here; train.py drives them without importing TensorFlow (issue 27 step 3)."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


@tf.function
def step(x, i):
    return x * i
