import tensorflow as tf


def double(x):
    return x * 2


@tf.function
def step_once(v):
    return v + 1.0


def run_step(x):
    return step_once(x)


if __name__ == "__main__":
    from _evidence import ok

    step = tf.function(double)
    for _ in range(10):
        step(tf.constant(1.0))
    traces = step.experimental_get_tracing_count()
    assert traces == 1, traces
    for _ in range(5):
        run_step(tf.constant(1.0))
    assert step_once.experimental_get_tracing_count() == 1
    ok("tf.function created once, before the loop / at module level: 1 trace for 10 calls, 1 for 5 helper calls")
