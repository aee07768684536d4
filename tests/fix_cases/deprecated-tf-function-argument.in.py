import tensorflow as tf


@tf.function(experimental_relax_shapes=True)  # keep
def f(x):
    return x


g = tf.function(lambda x: x, experimental_compile=True)
