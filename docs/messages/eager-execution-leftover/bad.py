import tensorflow as tf

tf.config.run_functions_eagerly(True)  # [eager-execution-leftover]


@tf.function
def train_step(x):
    return x * 2


if __name__ == "__main__":
    from _evidence import symptom

    for value in (1.0, 2.0, 3.0):
        train_step(tf.constant(value))
    traces = train_step.experimental_get_tracing_count()
    assert traces == 0, traces
    symptom("run_functions_eagerly(True): 3 calls, 0 traces: the function never became a graph")
