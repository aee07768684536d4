import tensorflow as tf


@tf.function
def f(x):
    assert tf.reduce_sum(x,  # over all
                         axis=0) > 0, "must be positive"
    assert tf.reduce_max(x) < tf.reduce_min(x) + 10
    return x
