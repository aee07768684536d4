import tensorflow as tf


@tf.function
def clip_if_large(x):
    large = tf.cast(tf.reduce_max(x) > 10.0, tf.bool)
    if large:  # autograph turns this into tf.cond
        x = tf.clip_by_value(x, 0.0, 10.0)
    return x


@tf.function
def is_positive(x):
    return tf.cast(x > 0, tf.bool)


if __name__ == "__main__":
    from _evidence import ok

    assert bool(is_positive(tf.constant(1.0))) and not bool(is_positive(tf.constant(-1.0)))
    assert clip_if_large(tf.constant([1.0, 20.0])).numpy().tolist() == [1.0, 10.0]
    assert clip_if_large(tf.constant([1.0, 2.0])).numpy().tolist() == [1.0, 2.0]
    ok("both branches run in the graph: [1, 20] -> [1, 10], [1, 2] unchanged")
