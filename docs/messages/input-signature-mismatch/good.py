import tensorflow as tf


class Config:
    scale = 2.0


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def apply(x):
    return x * 2.0


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def scaled(x, scale=1.0):
    return x * scale


if __name__ == "__main__":
    from _evidence import ok

    assert float(apply(tf.constant(Config.scale))) == 4.0
    assert float(apply(tf.constant(3.0))) == 6.0
    assert apply.experimental_get_tracing_count() == 1
    # Python numbers convert to the scalar TensorSpec: accepted, and no retracing
    for epoch in range(3):
        apply(float(epoch))
    apply(0.5)
    apply(3)
    assert apply.experimental_get_tracing_count() == 1
    assert float(scaled(tf.constant(1.0))) == 1.0  # a named parameter instead of **options
    ok("tensors and Python numbers bind to the TensorSpec (1 trace for 7 calls); no **kwargs to reject keywords")
