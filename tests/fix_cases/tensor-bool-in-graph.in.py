import tensorflow as tf


@tf.function
def f(x):
    flag = bool(tf.reduce_any(x > 0))
    return flag
