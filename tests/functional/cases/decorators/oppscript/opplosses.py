"""A script's sibling module: loss helpers and metric objects its steps call."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import tensorflow as tf


def compute_loss(model, x, y):
    return tf.reduce_mean(tf.square(model(x) - y))


def noisy_loss(model, x, y):
    print("tracing the loss")  # a Python side effect: runs only while tracing
    return tf.reduce_mean(tf.square(model(x) - y))


class Metrics:
    def __init__(self):
        self.loss = tf.keras.metrics.Mean()

    def update(self, loss):
        self.loss.update_state(loss)


class Counting:
    def __init__(self):
        self.count = 0
        self.loss = tf.keras.metrics.Mean()

    def update(self, loss):
        self.count += 1  # Python state: frozen at the trace
        self.loss.update_state(loss)
