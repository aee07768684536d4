import tensorflow as tf


@tf.function(reduce_retracing=True)
def total(x):
    return tf.reduce_sum(x)


if __name__ == "__main__":
    from _evidence import ok

    for n in range(1, 11):
        total(tf.ones([n]))
    traces = total.experimental_get_tracing_count()
    assert traces == 2, traces
    ok(f"reduce_retracing=True: same behaviour under the current name ({traces} traces for 10 shapes)")
