import tensorflow as tf


@tf.function
def train_step(x):
    print("step", x)  # [print-at-trace-time]
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            train_step(tf.constant(value))
    printed = lines_with(output[0], "step")
    assert printed == 1, f"expected print() to run once (at trace time) for 3 calls, saw {printed}"
    symptom("3 calls, print() ran once: only while tracing")
