import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec(shape=[None,  4], dtype=tf.float32)])  # odd spacing stays
def fixed(x):
    return x


def run():
    fixed(tf.ones([5, 4]))
