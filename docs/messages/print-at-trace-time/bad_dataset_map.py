import tensorflow as tf


def augment(x):
    print("augment", x)  # [print-at-trace-time]
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    dataset = tf.data.Dataset.range(5).map(augment)
    with captured_output() as output:
        values = list(dataset.as_numpy_iterator())
    assert values == [0, 2, 4, 6, 8]
    # the one trace happened when .map() was called, before iterating
    printed = lines_with(output[0], "augment")
    assert printed == 0, f"expected no print() while the 5 elements were mapped, saw {printed}"
    symptom("5 elements mapped, print() in the map function ran 0 times (only once, while Dataset.map traced it)")
