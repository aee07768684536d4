import logging

import tensorflow as tf

logging.basicConfig(level=logging.INFO, format="%(message)s")


@tf.function
def train_step(x):
    logging.info("tracing train_step")  # a configuration notice: meant once per trace, not reported
    tf.print("per-call", x)
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            train_step(tf.constant(value))
    logged = lines_with(output[0], "per-call")
    assert logged == 3, f"expected tf.print on every call, saw {logged}"
    assert lines_with(output[0], "tracing train_step") == 1  # once per trace, as intended
    ok("3 calls, tf.print printed 3 times (the static notice once per trace, as intended)")
