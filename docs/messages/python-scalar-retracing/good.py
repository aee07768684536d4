import tensorflow as tf


@tf.function
def train_step(x, step):
    return x * 2 + tf.cast(step, tf.float32)


if __name__ == "__main__":
    from _evidence import ok

    x = tf.ones([4])
    for step in range(10):
        train_step(x, tf.constant(step))
    traces = train_step.experimental_get_tracing_count()
    assert traces == 1, traces
    ok("tf.constant(step): 1 trace for 10 calls")
