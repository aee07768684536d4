import tensorflow as tf


@tf.function
def total(x):
    return tf.reduce_sum(x)


if __name__ == "__main__":
    from _evidence import symptom

    data = tf.range(20, dtype=tf.float32)
    for i in range(1, 11):
        total(data[:i])  # [varying-shape-retracing]
    traces = total.experimental_get_tracing_count()
    assert traces == 10, traces
    symptom(f"shapes [1]..[10]: {traces} traces for 10 calls")
