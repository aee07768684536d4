import tensorflow as tf


def normalize(row):
    tf.print("normalize", row)
    return row / tf.reduce_max(row)


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    rows = tf.constant([[1.0, 2.0], [2.0, 4.0], [4.0, 8.0], [1.0, 4.0]])
    with captured_output() as output:
        result = tf.vectorized_map(normalize, rows)
    assert result.shape == (4, 2)
    printed = lines_with(output[0], "normalize")
    assert printed >= 1, printed
    ok(f"tf.print runs in the vectorized graph on every call ({printed} line(s) with the batched values)")
