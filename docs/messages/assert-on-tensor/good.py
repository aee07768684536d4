import tensorflow as tf


@tf.function
def safe_log(x):
    tf.debugging.assert_positive(tf.reduce_min(x))
    return tf.math.log(x)


@tf.function
def double_positive(scale):
    tf.debugging.assert_positive(scale)
    return scale * 2.0


if __name__ == "__main__":
    from _evidence import ok

    assert float(double_positive(tf.constant(2.0))) == 4.0
    safe_log(tf.constant([1.0, 2.0]))
    try:
        safe_log(tf.constant([-1.0, 2.0]))
    except tf.errors.InvalidArgumentError:
        pass
    else:
        raise AssertionError("tf.debugging.assert_positive should reject negative input")
    ok("valid input runs; negative input raises InvalidArgumentError on every call")
