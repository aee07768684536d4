import tensorflow as tf


def jitter(x):
    return tf.cast(x, tf.float32) + tf.random.uniform([])


if __name__ == "__main__":
    from _evidence import ok

    values = list(tf.data.Dataset.range(5).map(jitter).as_numpy_iterator())
    offsets = {round(float(v) - i, 5) for i, v in enumerate(values)}
    assert len(offsets) > 1, offsets
    ok(f"5 elements, tf.random.uniform gave {len(offsets)} different offsets")
