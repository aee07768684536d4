"""input-signature-mismatch: what TF 2.21 rejects, and what it converts (issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def scaled(x, **options):  # **kwargs alone binds fine while no call passes an extra keyword
    return x * options.get("scale", 1.0)


scaled(tf.constant(1.0))
scaled(tf.constant(1.0), scale=2.0)  # [input-signature-mismatch]


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def named(x, factor=2.0, **rest):
    del rest
    return x * factor


named(tf.constant(1.0), factor=3.0)  # a named parameter: bound by name
OPTIONS = {"factor": 3.0}
named(tf.constant(1.0), **OPTIONS)  # unpacked: unknown keys, silent


# Python numbers convert to a scalar TensorSpec (measured: 1 trace for 5 values)
for epoch in range(5):
    scaled(float(epoch))
    scaled(0.5)
    scaled(3)
    scaled(True)


class Config:
    scale = 2.0


def plain(x):
    return x


# one def, two wrappers: each wrong call is reported once
first = tf.function(plain, input_signature=[tf.TensorSpec([], tf.float32)])
second = tf.function(plain, input_signature=[tf.TensorSpec([], tf.float32)])
first(Config())  # [input-signature-mismatch]
second({"a": 1.0})  # [input-signature-mismatch]
second(tf.constant(1.0))
