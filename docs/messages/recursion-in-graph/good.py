import tensorflow as tf


@tf.function
def power(x, n):
    result = tf.ones_like(x)
    for _ in tf.range(n):  # autograph: one tf.while_loop
        result = result * x
    return result


if __name__ == "__main__":
    from _evidence import ok

    values = [float(power(tf.constant(2.0), tf.constant(n))) for n in (0, 3, 10)]
    assert values == [1.0, 8.0, 1024.0], values
    assert power.experimental_get_tracing_count() == 1
    ok(f"powers {values}, 1 trace for n = 0, 3, 10")
