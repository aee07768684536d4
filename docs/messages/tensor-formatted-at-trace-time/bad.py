import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def train_step(x):
    tf.print(f"d {x}")  # [tensor-formatted-at-trace-time]
    return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, symptom

    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            train_step(tf.constant(value))
    printed = [line for line in output[0].splitlines() if line.startswith("d ")]
    # tf.print runs on every call, but what it prints was made into text once, while tracing
    assert printed == ['d Tensor("x:0", shape=(), dtype=float32)'] * 3, printed
    symptom('3 calls printed d Tensor("x:0", shape=(), dtype=float32) three times, never a value')
