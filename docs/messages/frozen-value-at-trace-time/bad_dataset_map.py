import random

import tensorflow as tf


def jitter(x):
    return tf.cast(x, tf.float32) + random.random()  # [frozen-value-at-trace-time]


if __name__ == "__main__":
    from _evidence import symptom

    values = list(tf.data.Dataset.range(5).map(jitter).as_numpy_iterator())
    offsets = [float(v) - i for i, v in enumerate(values)]
    # float32 rounds i + r differently for each i: equal within float32 precision, not to the digit
    assert max(offsets) - min(offsets) < 1e-5, offsets
    symptom(f"5 elements, random.random() in the map function gave the same offset to all: {offsets[0]:.4f}")
