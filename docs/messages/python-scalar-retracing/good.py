import tensorflow as tf


@tf.function
def train_step(x, step):
    return x * 2 + tf.cast(step, tf.float32)


@tf.function
def scaled_step(x, lr):
    return x * lr


@tf.function
def shifted(x, c):
    return x + c


@tf.function
def outer(x):
    # a loop in a tf.function's body is unrolled while outer is traced: shifted is traced once per
    # value then, and never again when outer's graph runs
    for c in range(3):
        x = shifted(x, c)
    return x


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
    outer(x)
    first = shifted.experimental_get_tracing_count()
    for _ in range(4):
        outer(x)
    assert first == 3 and shifted.experimental_get_tracing_count() == 3, shifted.experimental_get_tracing_count()
    ok("tf.constant(step): 1 trace for 10 calls; shifted(x, c) inside a tf.function: 3 traces for 5 calls of it")
