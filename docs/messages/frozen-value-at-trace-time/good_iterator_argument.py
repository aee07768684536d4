import tensorflow as tf


@tf.function
def take(x, item):
    return x + item


if __name__ == "__main__":
    from _evidence import ok

    items = iter([1.0, 2.0, 3.0])
    results = [float(take(tf.constant(0.0), tf.constant(next(items)))) for _ in range(3)]
    assert results == [1.0, 2.0, 3.0], results
    assert take.experimental_get_tracing_count() == 1
    ok(f"next(...) outside, its value passed as a tensor: {results}, 1 trace")
