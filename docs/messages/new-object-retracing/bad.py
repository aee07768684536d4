import tensorflow as tf


class Scale:
    def __init__(self, factor):
        self.factor = factor


@tf.function
def apply(x, scale):
    return x * scale.factor


if __name__ == "__main__":
    from _evidence import symptom

    x = tf.ones([4])
    for _ in range(10):
        apply(x, Scale(2.0))  # [new-object-retracing]
    traces = apply.experimental_get_tracing_count()
    assert traces == 10, traces
    symptom(f"a new Python object per call: {traces} traces for 10 calls")
