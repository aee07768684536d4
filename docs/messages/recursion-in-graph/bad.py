import tensorflow as tf


@tf.function
def power(x, n):
    if n == 0:
        return tf.ones_like(x)
    return x * power(x, n - 1)  # [recursion-in-graph]


if __name__ == "__main__":
    import sys

    from _evidence import symptom

    sys.setrecursionlimit(3000)  # fail fast
    try:
        power(tf.constant(2.0), tf.constant(3))
    except Exception as error:  # pylint: disable=broad-except  # StagingError wrapping RecursionError
        kind = type(error).__name__
        text = f"{kind}: {error}"
        assert "RecursionError" in text or "recursion" in text.lower(), text[:2000]
    else:
        raise AssertionError("expected tracing to recurse until RecursionError")
    before = power.experimental_get_tracing_count()
    assert float(power(tf.constant(2.0), 5)) == 32.0
    traces = power.experimental_get_tracing_count() - before
    assert traces == 6, traces  # n = 5, 4, 3, 2, 1, 0: one trace each
    symptom(f"tensor n: {kind} (RecursionError: maximum recursion depth exceeded); Python n=5: {traces} traces")
