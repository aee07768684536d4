import tensorflow as tf


class Scale(tf.experimental.ExtensionType):
    factor: tf.Tensor


@tf.function
def apply(x, scale):
    return x * scale.factor


if __name__ == "__main__":
    from _evidence import ok

    x = tf.ones([4])
    for _ in range(10):
        apply(x, Scale(tf.constant(2.0)))
    traces = apply.experimental_get_tracing_count()
    assert traces == 1, traces
    ok("tf.experimental.ExtensionType: 1 trace for 10 calls")
