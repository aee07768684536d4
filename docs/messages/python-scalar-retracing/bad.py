import tensorflow as tf


@tf.function
def train_step(x, step):
    return x * 2 + step


@tf.function
def scaled_step(x, lr):
    return x * lr


@tf.function(reduce_retracing=True)
def relaxed_step(x, step):
    return x * 2 + step


if __name__ == "__main__":
    from _evidence import symptom

    x = tf.ones([4])
    for step in range(10):
        train_step(x, step)  # [python-scalar-retracing]
        relaxed_step(x, step)  # [python-scalar-retracing]
    for lr in [0.1, 0.01, 0.001]:
        scaled_step(x, lr)  # [python-scalar-retracing]
    for epoch in range(3):
        lr = 0.1 / (epoch + 1)  # derived from the loop variable
        scaled_step(x, lr)  # [python-scalar-retracing]
    assert scaled_step.experimental_get_tracing_count() == 5, scaled_step.experimental_get_tracing_count()  # 0.1 twice
    traces = train_step.experimental_get_tracing_count()
    relaxed = relaxed_step.experimental_get_tracing_count()
    assert traces == 10, traces
    # reduce_retracing does not help for Python scalars: it is not the fix
    assert relaxed == 10, relaxed
    symptom(f"10 calls with a Python int loop counter: {traces} traces ({relaxed} with reduce_retracing=True)")
