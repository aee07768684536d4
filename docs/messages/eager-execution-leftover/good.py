import tensorflow as tf


def configure(eager=False):
    tf.config.run_functions_eagerly(eager)


def build(model, run_eagerly=False):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)


@tf.function
def train_step(x):
    return x * 2


if __name__ == "__main__":
    from _evidence import ok

    configure()
    for value in (1.0, 2.0, 3.0):
        train_step(tf.constant(value))
    traces = train_step.experimental_get_tracing_count()
    assert traces == 1, traces
    model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    build(model)
    assert not model.run_eagerly
    ok("no eager switch, False defaults: 3 calls, 1 trace, then the graph runs; model.run_eagerly is False")
