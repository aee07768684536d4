import tensorflow as tf


def normalize(row):
    print("normalize", row)  # [print-at-trace-time]
    return row / tf.reduce_max(row)


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    rows = tf.constant([[1.0, 2.0], [2.0, 4.0], [4.0, 8.0], [1.0, 4.0]])
    with captured_output() as output:
        result = tf.vectorized_map(normalize, rows)  # called eagerly, but vectorized_map traces its function
    assert result.shape == (4, 2)
    printed = lines_with(output[0], "normalize")
    assert printed == 1, f"expected print() once (one trace) for 4 rows, saw {printed}"
    symptom("tf.vectorized_map over 4 rows, called eagerly: print() in the function ran once, while it was traced")
