"""print() in traced code: the hybrid itself, helpers along the call path, and negatives."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import sys

import tensorflow as tf
import tensorflow.compat.v2 as tf2
from tensorflow import function
from tensorflow import function as tff
import tensorflow as tensorflow_lib


def log_stats(x):
    print("stats", x)  # [print-at-trace-time]


def compute_loss(x):
    log_stats(x)
    return tf.reduce_sum(x)


@tf.function
def train_step(x):
    print("tracing")  # [print-at-trace-time]
    return compute_loss(x)


@tf.function(jit_compile=True, reduce_retracing=True)
def with_options(x):
    print(x)  # [print-at-trace-time]
    return x


@tf2.function
def compat_v2(x):
    print(x)  # [print-at-trace-time]
    return x


@function
def imported_function(x):
    print(x)  # [print-at-trace-time]
    return x


@tff()
def aliased_function(x):
    print(x)  # [print-at-trace-time]
    return x


@tensorflow_lib.function
def long_alias(x):
    print(x, file=sys.stderr)  # [print-at-trace-time]
    return x


def plain(x):
    return x + 1


wrapped = tf.function(plain)
lambda_hybrid = tf.function(lambda x: print(x))  # [print-at-trace-time]


class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.step = tf.function(self._step)
        print("built")  # __init__ is not traced

    def _step(self, x):
        print(x)  # [print-at-trace-time]
        return x

    @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
    def call(self, x):
        self._helper(x)
        return x

    def _helper(self, x):
        print(x)  # [print-at-trace-time]


def loop_body_is_traced(x):
    def body(i):
        print(i)  # [print-at-trace-time]
        return (i + 1,)

    return tf.while_loop(lambda i: i < 3, body, [x])


loop_hybrid = tf.function(loop_body_is_traced)


@tf.function
def outer(x):
    def inner(y):
        print(y)  # [print-at-trace-time]
        return y

    return inner(x)


# ---- negatives ----------------------------------------------------------


def eager_only(x):
    print(x)  # only ever called eagerly
    return x


def also_eager(x):
    eager_only(x)


@tf.function
def uses_py_function(x):
    def eager_callback(v):
        print(v)  # runs eagerly at run time inside tf.py_function
        return v

    return tf.py_function(eager_callback, [x], tf.float32)


@tf.function
def uses_tf_print(x):
    tf.print(x)
    return x


@tf.function
def defines_but_does_not_call(x):
    def never_called():
        print("never")

    return x, never_called


def shadowed_tf():
    tf = object()  # pylint: disable=redefined-outer-name

    @tf.function
    def not_a_hybrid(x):
        print(x)
        return x

    return not_a_hybrid

