import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def total(x):
    return tf.reduce_sum(x)


@tf.function(reduce_retracing=True)
def relaxed_total(x):
    return tf.reduce_sum(x)


if __name__ == "__main__":
    from _evidence import ok

    data = tf.range(20, dtype=tf.float32)
    for i in range(1, 11):
        total(data[:i])
        relaxed_total(data[:i])
    assert total.experimental_get_tracing_count() == 1, total.experimental_get_tracing_count()
    assert relaxed_total.experimental_get_tracing_count() == 2, relaxed_total.experimental_get_tracing_count()
    ok("input_signature [None]: 1 trace; reduce_retracing=True: 2 traces (for 10 shapes)")
