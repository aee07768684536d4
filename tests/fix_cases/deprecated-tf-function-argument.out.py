import tensorflow as tf


@tf.function(reduce_retracing=True)  # keep
def f(x):
    return x


g = tf.function(lambda x: x, jit_compile=True)
