import tensorflow as tf


@tf.function
def train_step(x, step):
    return x * 2 + tf.cast(step, tf.float32)


@tf.function
def scaled_step(x, lr):
    return x * lr


if __name__ == "__main__":
    from _evidence import ok

    x = tf.ones([4])
    for step in range(10):
        train_step(x, tf.constant(step))
    for lr in [0.1, 0.01, 0.001]:
        scaled_step(x, tf.constant(lr))
    for epoch in range(3):
        scaled_step(x, tf.constant(0.1 / (epoch + 1)))
    assert scaled_step.experimental_get_tracing_count() == 1, scaled_step.experimental_get_tracing_count()
    traces = train_step.experimental_get_tracing_count()
    assert traces == 1, traces
    ok("tf.constant(step): 1 trace for 10 calls")
