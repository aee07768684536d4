import tensorflow as tf


@tf.function
def squares(n):
    out = tf.TensorArray(tf.int32, size=n)
    for i in tf.range(n):
        out = out.write(i, i * i)
    return out.stack()


if __name__ == "__main__":
    from _evidence import ok

    result = squares(tf.constant(4)).numpy().tolist()
    assert result == [0, 1, 4, 9], result
    ok(f"squares(4) -> {result}")
