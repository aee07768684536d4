"""A hybrid created and called in one expression: tf.function(f)(x) is a call of the hybrid (issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name
import functools

import tensorflow as tf


def scale(x, factor):
    return x * factor


def total(x):
    return tf.reduce_sum(x)


def identity(x):
    return x


data = tf.ones([10])

tf.function(identity, input_signature=[tf.TensorSpec([3], tf.float32)])(tf.zeros([5]))  # [over-specified-input-signature]
tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])(identity)(tf.ones([7, 2]))  # [over-specified-input-signature]

for i in range(3):
    tf.function(scale)(data, i)  # [tf-function-created-in-loop, python-scalar-retracing]
    tf.function(jit_compile=True)(total)(data[:i])  # [tf-function-created-in-loop, varying-shape-retracing]

# ---- negatives ----------------------------------------------------------
tf.function(identity, input_signature=[tf.TensorSpec([3], tf.float32)])(tf.zeros([3]))
for i in range(3):
    tf.function(scale)(data, tf.constant(i))  # [tf-function-created-in-loop]
    tf.function(scale)(data, 2.0)(i)  # [tf-function-created-in-loop]

# ---- functools.partial binding keywords: the hybrid is the function it wraps -------------------
scaled = tf.function(functools.partial(scale, factor=2.0))
for i in range(3):
    scaled(float(i))  # [python-scalar-retracing]
scaled(data)
