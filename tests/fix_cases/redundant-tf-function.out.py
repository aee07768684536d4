import tensorflow as tf


def _inner(x):
    return x * 2


def _inner2(x):
    return x * 3


@tf.function
def outer(x):
    return _inner(x) + _inner2(x)
