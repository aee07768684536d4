import tensorflow as tf


@tf.function
def f(x, w):
    return tf.linalg.matmul(tf.matmul(x, w), w)  # the product
