import tensorflow as tf


@tf.function
def f(x):
    tf.debugging.assert_positive(tf.reduce_sum(x,  # over all
                         axis=0), message="must be positive")
    tf.debugging.assert_less(tf.reduce_max(x), tf.reduce_min(x) + 10)
    return x
