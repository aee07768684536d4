import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def normalize(x):
    return x / tf.reduce_sum(x)


if __name__ == "__main__":
    from _evidence import ok

    normalize(tf.ones([3]))
    normalize(tf.ones([5]))
    assert normalize.experimental_get_tracing_count() == 1
    ok("input_signature [None]: both shapes accepted, 1 trace")
