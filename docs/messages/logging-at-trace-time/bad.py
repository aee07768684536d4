import logging

import tensorflow as tf

logging.basicConfig(level=logging.INFO, format="%(message)s")


@tf.function
def train_step(x):
    logging.info("step %s", x)  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            train_step(tf.constant(value))
    logged = lines_with(output[0], "step")
    assert logged == 1, f"expected logging.info to run once (at trace time) for 3 calls, saw {logged}"
    symptom("3 calls, logging.info ran once: only while tracing")
