import tensorflow as tf

tf.config.run_functions_eagerly(True)  # [eager-execution-leftover]


def configure(eager=True):
    tf.config.run_functions_eagerly(eager)  # [eager-execution-leftover]


def build(model, run_eagerly=True):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)  # [eager-execution-leftover]


@tf.function
def train_step(x):
    return x * 2


@tf.function
def eval_step(x):
    return x + 1


if __name__ == "__main__":
    from _evidence import symptom

    for value in (1.0, 2.0, 3.0):
        train_step(tf.constant(value))
    traces = train_step.experimental_get_tracing_count()
    assert traces == 0, traces
    tf.config.run_functions_eagerly(False)
    configure()  # the default turns it back on
    for value in (1.0, 2.0, 3.0):
        eval_step(tf.constant(value))
    assert eval_step.experimental_get_tracing_count() == 0
    model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    build(model)
    assert model.run_eagerly is True
    symptom("run_functions_eagerly(True), and configure()/build() with their True defaults: 0 traces for 6 "
            "calls, model.run_eagerly is True")
