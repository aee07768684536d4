import logging

import tensorflow as tf

logging.basicConfig(level=logging.INFO, format="%(message)s")
logger = logging.getLogger("train")


@tf.function
def train_step(x):
    logging.info("step %s", x)  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    logger.info("value %s", x)  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            train_step(tf.constant(value))
    logged = lines_with(output[0], "step")
    assert logged == 1, f"expected logging.info to run once (at trace time) for 3 calls, saw {logged}"
    by_logger = lines_with(output[0], "value")
    assert by_logger == 1, f"expected logger.info to run once (at trace time) for 3 calls, saw {by_logger}"
    assert "Tensor(" in output[0], "the logged value is the symbolic tensor, not its value"
    symptom("3 calls, logging.info and logger.info ran once each: only while tracing, showing a symbolic Tensor")
