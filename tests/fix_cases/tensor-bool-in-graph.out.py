import tensorflow as tf


@tf.function
def f(x):
    flag = tf.cast(tf.reduce_any(x > 0), tf.bool)
    return flag
