import tensorflow as tf


@tf.function(reduce_retracing=True)
def total(x):
    return tf.reduce_sum(x)


@tf.function(
    jit_compile=False, reduce_retracing=True,  # this comment stays
)
def total2(x):
    return tf.reduce_sum(x)


def run(data):
    for i in range(1, 11):
        total(data[:i])
        total2(data[:i])
