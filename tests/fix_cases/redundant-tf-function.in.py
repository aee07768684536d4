import tensorflow as tf


@ tf.function
def _inner(x):
    return x * 2


@(tf.function)
def _inner2(x):
    return x * 3


@tf.function
def outer(x):
    return _inner(x) + _inner2(x)
