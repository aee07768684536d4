import tensorflow as tf


class Config:
    scale = 2.0


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def apply(x):
    return x * 2.0


if __name__ == "__main__":
    from _evidence import ok

    assert float(apply(tf.constant(Config.scale))) == 4.0
    assert float(apply(tf.constant(3.0))) == 6.0
    assert apply.experimental_get_tracing_count() == 1
    ok("tensors matching the TensorSpec: both calls bind, 1 trace")
