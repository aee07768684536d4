import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def train_step(x):
    tf.print("d", x)
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, ok

    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            train_step(tf.constant(value))
    printed = [line for line in output[0].splitlines() if line.startswith("d ")]
    assert printed == ["d 1", "d 2", "d 3"], printed
    ok("3 calls printed d 1, d 2, d 3: the values")
