import tensorflow as tf


@tf.function
def train_step(x):
    return x * 2


if __name__ == "__main__":
    from _evidence import ok

    for value in (1.0, 2.0, 3.0):
        train_step(tf.constant(value))
    traces = train_step.experimental_get_tracing_count()
    assert traces == 1, traces
    ok("no eager switch: 3 calls, 1 trace, then the graph runs")
