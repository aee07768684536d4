import tensorflow as tf


def double(x):
    return x * 2


if __name__ == "__main__":
    from _evidence import ok

    step = tf.function(double)
    for _ in range(10):
        step(tf.constant(1.0))
    traces = step.experimental_get_tracing_count()
    assert traces == 1, traces
    ok("tf.function created once, before the loop: 1 trace for 10 calls")
