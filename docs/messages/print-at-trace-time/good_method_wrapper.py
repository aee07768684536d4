import tensorflow as tf


class Trainer:
    def __init__(self):
        self.step = tf.function(self._step)

    def _step(self, x):
        tf.print("step", x)
        return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    trainer = Trainer()
    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            trainer.step(tf.constant(value))
    printed = lines_with(output[0], "step")
    assert printed == 3, f"expected tf.print on each of the 3 calls, saw {printed}"
    ok("tf.function(self._step) called 3 times: tf.print printed 3 times")
