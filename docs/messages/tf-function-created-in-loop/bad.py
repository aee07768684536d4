import tensorflow as tf


def double(x):
    return x * 2


if __name__ == "__main__":
    from _evidence import symptom

    total_traces = 0
    for _ in range(10):
        step = tf.function(double)  # [tf-function-created-in-loop]
        step(tf.constant(1.0))
        total_traces += step.experimental_get_tracing_count()
    assert total_traces == 10, total_traces
    symptom(f"tf.function created in the loop: {total_traces} traces for 10 calls")
