import tensorflow as tf


@tf.function
def train_step(x):
    tf.print("step", x)
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            train_step(tf.constant(value))
    logged = lines_with(output[0], "step")
    assert logged == 3, f"expected tf.print on every call, saw {logged}"
    ok("3 calls, tf.print printed 3 times")
