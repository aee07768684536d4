"""Eager-only code in traced code: .numpy(), np.* on tensors, bool(), assert; and negatives."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import numpy as np
import tensorflow as tf


def helper(x):
    return x.numpy() * 2  # [tensor-numpy-in-graph]


@tf.function
def numpy_method(x):
    y = tf.reduce_sum(x)
    value = y.numpy()  # [tensor-numpy-in-graph]
    return helper(x) + value


@tf.function
def numpy_functions(x):
    y = tf.square(x)
    a = np.mean(y)  # [numpy-on-tensor]
    b = np.sum(tf.abs(x), axis=0)  # [numpy-on-tensor]
    c = np.linalg.norm(y)  # [numpy-on-tensor]
    d = np.percentile(y, 50)  # [numpy-on-tensor]
    e = np.mean([1.0, 2.0, 3.0])  # constant folding at trace time: fine
    f = np.prod(x.shape)  # static shape: fine
    g = np.mean(x)  # x may be a Python value or a NumPy array: silent
    h = np.float32(0.5) * np.ones([3])  # NumPy constants: fine
    return a + b + c + d + e + f + g + h


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def with_signature(x):
    mean = np.mean(x)  # [numpy-on-tensor]
    return x - mean


@tf.function
def make_ndarray(x):
    y = tf.identity(x)
    return tf.make_ndarray(y)  # [tensor-numpy-in-graph]


@tf.function
def bool_and_assert(x):
    y = tf.reduce_sum(x)
    flag = bool(y > 0)  # [tensor-bool-in-graph]
    assert y > 0  # [assert-on-tensor]
    assert 0 < tf.reduce_min(x), "negative"  # [assert-on-tensor]
    assert tf.shape(x)[0] == 3  # [assert-on-tensor]
    assert tf.reduce_all(x > 0)  # [assert-on-tensor]
    assert x.shape[0] == 3  # static shape: fine
    assert x is not None  # Python check: fine
    assert isinstance(flag, bool)
    return y


@tf.function
def autograph_on(x):
    y = tf.reduce_sum(x)
    if y > 0:  # autograph converts it
        y = y * 2
    while y < 10:
        y = y + 1
    for row in tf.range(3):
        y = y + tf.cast(row, tf.float32)
    return float(y) + int(y) + len(tf.shape(x))  # autograph converts these too


@tf.function
def guarded_numpy(x):
    if tf.executing_eagerly():
        return x.numpy()
    return x


@tf.function
def try_numpy(x):
    try:
        return x.numpy()
    except AttributeError:
        return x


def eager_only(x):
    y = tf.reduce_sum(x)
    assert y > 0
    return np.mean(y) + y.numpy() + bool(y)


@tf.function
def py_function_user(x):
    return tf.py_function(lambda t: t.numpy() * 2, [x], tf.float32)


@tf.function
def numpy_function_user(x):
    def eager_helper(t):
        return np.mean(t)

    return tf.numpy_function(eager_helper, [x], tf.float32)


class Model(tf.Module):
    @tf.function
    def __call__(self, x):
        y = tf.matmul(x, x)
        return self.numpy() + np.max(y)  # [numpy-on-tensor]

    def numpy(self):
        return 1.0


@tf.function
def init_scope_numpy(v):
    with tf.init_scope():
        value = v.numpy()  # eager inside init_scope: fine
    return value
