import tensorflow as tf


class Logger:
    def record(self, x):
        tf.print("record", x)
        return x


class Trainer:
    def __init__(self):
        self.logger = Logger()  # the object's class says which record() runs

    @tf.function
    def step(self, x):
        return self.logger.record(x * 2)


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    trainer = Trainer()
    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            trainer.step(tf.constant(value))
    printed = lines_with(output[0], "record")
    assert printed == 3, f"expected tf.print on each of the 3 calls, saw {printed}"
    ok("self.logger.record(...) in a tf.function, called 3 times: tf.print in Logger.record printed 3 times")
