import tensorflow as tf


class Trainer:
    def __init__(self):
        self.step = tf.function(self._step)

    def _step(self, x):
        print("step", x)  # [print-at-trace-time]
        return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    trainer = Trainer()
    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            trainer.step(tf.constant(value))
    printed = lines_with(output[0], "step")
    assert printed == 1, f"expected print() once (one trace) for 3 calls, saw {printed}"
    symptom("tf.function(self._step) called 3 times: print() in _step ran once, while it was traced")
