"""A method's own recursion is no loop that drives it (pix2seq's ``get_inception_stats``:
``return [self.get_inception_stats(x) for x in inputs]``): one outside call runs it once per element
there, and nothing shows that the outside call repeats."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf


class Evaluator:
    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(2)])

    def stats(self, inputs):
        if isinstance(inputs, list):
            return [self.stats(x) for x in inputs]
        logits = self.model(inputs)
        if "features" in logits:
            return logits["a"], logits["b"]
        return logits["c"], logits["d"]
