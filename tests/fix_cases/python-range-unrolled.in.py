import tensorflow as tf


@tf.function
def smooth(x):
    for _ in range(5000):  # unrolled
        x = tf.sin(x) + 1.0
    return x
