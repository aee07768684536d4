"""Calls of a hybrid made while another tf.function is traced: the callee's traces happen once per
trace of the caller (a Python loop there is unrolled while tracing), never on a call of the caller's
graph (measured on TF 2.21: 5 calls of the caller, the callee traced once per distinct value)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import tensorflow as tf


@tf.function
def scale(x, factor):
    return x * factor


@tf.function
def total(x):
    return tf.reduce_sum(x)


@tf.function
def resize(x, size):
    return x[:size]


@tf.function
def outer(x):
    for c in range(3):
        x = scale(x, c)  # no finding: runs while outer is traced, once per trace
        x = x + total(x[:c + 1])  # no finding
    return resize(x, 1) + resize(x, 2) + resize(x, 3)  # no finding


def undecorated(x):
    for c in range(3):
        x = scale(x, c)  # [python-scalar-retracing]
    return x


outer_too = tf.function(undecorated)  # undecorated still runs eagerly when called by its own name


def driver(x):
    for c in range(3):
        x = total(x[:c + 1])  # [varying-shape-retracing]
    return x
