"""Hybrids defined here, called from a train loop in train.py (issue 15, recall item 1)."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf


@tf.function
def step(x, lr):
    return x * lr


@tf.function
def total(x):
    return tf.reduce_sum(x)


@tf.function
def apply(x, config):
    return x * config.rate


@tf.function
def check(x):
    assert x > 0  # [assert-on-tensor]
    return x


def _scaled(x, lr):
    return x * lr


scaled_step = tf.function(_scaled)
