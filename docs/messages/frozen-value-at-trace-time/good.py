import tensorflow as tf


@tf.function
def add_noise(x):
    return x + tf.random.uniform([])


if __name__ == "__main__":
    from _evidence import ok

    results = [float(add_noise(tf.constant(0.0))) for _ in range(3)]
    assert len(set(results)) == 3, results
    assert add_noise.experimental_get_tracing_count() == 1
    ok(f"tf.random.uniform: a new value on every call, one trace: {results}")
