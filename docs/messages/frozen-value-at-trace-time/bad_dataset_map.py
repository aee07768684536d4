import random

import tensorflow as tf


def jitter(x):
    return tf.cast(x, tf.float32) + random.random()  # [frozen-value-at-trace-time]


if __name__ == "__main__":
    from _evidence import symptom

    values = list(tf.data.Dataset.range(5).map(jitter).as_numpy_iterator())
    offsets = {round(float(v) - i, 5) for i, v in enumerate(values)}
    assert len(offsets) == 1, offsets
    symptom(f"5 elements, random.random() in the map function gave the same offset to all: {offsets}")
