import tensorflow as tf


def augment(x):
    tf.print("augment", x)
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    dataset = tf.data.Dataset.range(5).map(augment)
    with captured_output() as output:
        values = list(dataset.as_numpy_iterator())
    assert values == [0, 2, 4, 6, 8]
    printed = lines_with(output[0], "augment")
    assert printed == 5, f"expected tf.print on each of the 5 elements, saw {printed}"
    ok("5 elements mapped, tf.print printed 5 times")
