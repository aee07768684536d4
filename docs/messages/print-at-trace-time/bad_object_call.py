import tensorflow as tf


class Logger:
    def record(self, x):
        print("record", x)  # [print-at-trace-time]
        return x


class Trainer:
    def __init__(self):
        self.logger = Logger()  # the object's class says which record() runs

    @tf.function
    def step(self, x):
        return self.logger.record(x * 2)


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    trainer = Trainer()
    with captured_output() as output:
        for value in (1.0, 2.0, 3.0):
            trainer.step(tf.constant(value))
    printed = lines_with(output[0], "record")
    assert printed == 1, f"expected print() once (one trace) for 3 calls, saw {printed}"
    symptom("self.logger.record(...) in a tf.function, called 3 times: print() in Logger.record ran once")
