import tensorflow as tf


@tf.function
def normalize(x):
    scale = tf.reduce_max(tf.abs(x))
    return x / scale


if __name__ == "__main__":
    from _evidence import ok

    result = normalize(tf.constant([1.0, -4.0, 2.0]))
    assert result.numpy().tolist() == [0.25, -1.0, 0.5], result  # .numpy() outside the tf.function is fine
    ok(f"normalize -> {result.numpy().tolist()}")
