import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def step(x):
    y = tf.square(x)
    tf.print("y", y)
    tf.print("y=", y, sep="")
    tf.print("y", y)  # unsafe: the spec is dropped
    return y
