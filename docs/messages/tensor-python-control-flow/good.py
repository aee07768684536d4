import tensorflow as tf


@tf.function
def absolute_total(x):
    total = tf.reduce_sum(x)
    if total < 0:  # autograph (on by default) turns this into tf.cond
        total = -total
    return total


@tf.function
def relu_or_zero(x):
    if x > 0:  # autograph converts the if on a tensor parameter too
        return x
    return tf.zeros_like(x)


if __name__ == "__main__":
    from _evidence import ok

    assert float(relu_or_zero(tf.constant(2.0))) == 2.0 and float(relu_or_zero(tf.constant(-2.0))) == 0.0
    assert absolute_total(tf.constant([1.0, -3.0])).numpy() == 2.0
    assert absolute_total(tf.constant([1.0, 3.0])).numpy() == 4.0
    assert absolute_total.experimental_get_tracing_count() == 1
    ok("with autograph: 2.0 and 4.0, 1 trace for both signs")
