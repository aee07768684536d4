import random

import tensorflow as tf


@tf.function
def add_noise(x):
    return x + random.random()  # [frozen-value-at-trace-time]


if __name__ == "__main__":
    from _evidence import symptom

    results = [float(add_noise(tf.constant(0.0))) for _ in range(3)]
    assert len(set(results)) == 1, results
    symptom(f"3 calls, the same 'random' value every time: {results}")
