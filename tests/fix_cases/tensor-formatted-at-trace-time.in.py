import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def step(x):
    y = tf.square(x)
    tf.print(f"y {y}")
    tf.print("y=%s" % y)
    tf.print("y", "{:.2f}".format(y))  # unsafe: the spec is dropped
    return y
