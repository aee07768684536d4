import tensorflow as tf


@tf.function
def power(x, n):
    if n == 0:
        return tf.ones_like(x)
    return x * power(x, n - 1)  # [recursion-in-graph]


def countdown_helper(n):  # an undecorated helper: hybrid -> helper -> hybrid
    return countdown(n - 1)  # [recursion-in-graph]


@tf.function
def countdown(n):
    if n > 0:
        return countdown_helper(n)
    return n


@tf.function
def factorial(n):
    again = factorial  # through an alias
    if n <= 1:
        return tf.constant(1)
    return n * again(n - 1)  # [recursion-in-graph]


@tf.function
def ping(n):  # between two hybrids
    if n <= 0:
        return n
    return pong(n - 1)  # [recursion-in-graph]


@tf.function
def pong(n):
    if n <= 0:
        return n
    return ping(n - 1)


if __name__ == "__main__":
    import sys

    from _evidence import symptom

    sys.setrecursionlimit(3000)  # fail fast
    calls = {
        "countdown": lambda: countdown(tf.constant(3)),
        "factorial": lambda: factorial(tf.constant(3)),
        "ping": lambda: ping(tf.constant(3)),
    }
    for name, call in calls.items():
        try:
            call()
        except Exception as error:  # pylint: disable=broad-except  # StagingError wrapping RecursionError
            assert "recursion" in f"{type(error).__name__}: {error}".lower(), str(error)[:2000]
        else:
            raise AssertionError(f"expected {name} to recurse until RecursionError")
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
