import tensorflow as tf


def double(x):
    return x * 2


def run_step(x):
    @tf.function
    def step(v):  # [tf-function-created-in-loop]
        return v + 1.0

    return step(x), step.experimental_get_tracing_count()


if __name__ == "__main__":
    from _evidence import symptom

    total_traces = 0
    for _ in range(10):
        step = tf.function(double)  # [tf-function-created-in-loop]
        step(tf.constant(1.0))
        total_traces += step.experimental_get_tracing_count()
    assert total_traces == 10, total_traces
    helper_traces = 0
    for _ in range(5):
        _result, traces = run_step(tf.constant(1.0))
        helper_traces += traces
    assert helper_traces == 5, helper_traces
    symptom(f"tf.function created in the loop: {total_traces} traces for 10 calls; made inside a helper "
            f"that calls it, the helper called 5 times: {helper_traces} traces")
