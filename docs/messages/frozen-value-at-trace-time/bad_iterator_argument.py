import tensorflow as tf


@tf.function
def take(x, items):
    return x + next(items)  # [frozen-value-at-trace-time]


if __name__ == "__main__":
    from _evidence import symptom

    items = iter([1.0, 2.0, 3.0])
    results = [float(take(tf.constant(0.0), items)) for _ in range(3)]
    assert results == [1.0, 1.0, 1.0], results
    assert take.experimental_get_tracing_count() == 1
    assert list(items) == [2.0, 3.0]  # advanced once, while tracing
    symptom(f"3 calls with the same Python iterator, 1 trace: {results}")
