import tensorflow as tf

SCALE = tf.Variable(1.0)
SHIFT = tf.Variable(0.0)


def set_scale(value):
    SCALE.assign(value)


def set_shift(value):
    SHIFT.assign(value)


@tf.function
def scaled(x):
    return x * SCALE


@tf.function
def shifted(x):
    return x + SHIFT


if __name__ == "__main__":
    from _evidence import ok

    first = float(scaled(tf.constant(2.0)))
    set_scale(3.0)
    second = float(scaled(tf.constant(2.0)))
    assert (first, second) == (2.0, 6.0), (first, second)
    assert scaled.experimental_get_tracing_count() == 1
    before = float(shifted(tf.constant(2.0)))
    set_shift(5.0)
    after = float(shifted(tf.constant(2.0)))
    assert (before, after) == (2.0, 7.0), (before, after)
    assert shifted.experimental_get_tracing_count() == 1
    ok("tf.Variable + assign: results 2.0 then 6.0, and 2.0 then 7.0, one trace each")
