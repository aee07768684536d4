import tensorflow as tf

SIGNATURE = [tf.TensorSpec([None], tf.float32)]


class Synthesizer:
    def __init__(self):
        # a project helper returns tf.function(...) of its argument: _generate is traced
        self.generate = self._wrap(self._generate, SIGNATURE)

    def _wrap(self, function, signature):
        return tf.function(input_signature=signature)(function)

    def _generate(self, x):
        tf.print("generate", x)
        return x * 2


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    synthesizer = Synthesizer()
    with captured_output() as output:
        for value in ([1.0], [2.0, 3.0], [4.0]):
            synthesizer.generate(tf.constant(value))
    printed = lines_with(output[0], "generate")
    assert printed == 3, f"expected tf.print on each of the 3 calls, saw {printed}"
    ok("a method wrapped by the project's _wrap helper, called 3 times: tf.print printed 3 times")
