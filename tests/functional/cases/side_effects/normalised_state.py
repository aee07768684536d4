"""One-time normalisations of Python state at trace time (issue 15): ``if self.axis < 0: self.axis += ndims``
settles the attribute on the first trace, and later traces see the value eager code would: silent.
Counters, unguarded updates and values that are not static sizes still fire."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,global-statement
import tensorflow as tf

axis = -1
calls = 0


class StandardDeviation(tf.keras.layers.Layer):
    """tensorflow-graphics' MiniBatchStandardDeviation: negative axes normalised against the rank."""

    def __init__(self, batch_axis=0, channel_axis=-1):
        super().__init__()
        self.batch_axis = batch_axis
        self.channel_axis = channel_axis
        self.count = 0
        self.offset = -1

    def call(self, inputs):
        ndims = len(tf.shape(inputs))  # [tensor-python-control-flow]
        if self.batch_axis < 0:
            self.batch_axis = ndims + self.batch_axis  # normalised once: silent
        if self.channel_axis < 0:
            self.channel_axis = self.channel_axis % inputs.shape.rank  # silent
        if self.count < 0:
            self.count = self.count + 1  # [python-state-update-at-trace-time]
        self.count = self.count + 1  # [python-state-update-at-trace-time]
        if self.offset < 0:  # self.batch_axis is no size: not a normalisation
            self.offset = self.offset + self.batch_axis  # [python-state-update-at-trace-time]
        return tf.math.reduce_std(inputs, axis=self.batch_axis)


class Normaliser(tf.Module):
    def __init__(self, axis=-1):
        super().__init__()
        self.axis = axis
        self.steps = 0

    @tf.function
    def __call__(self, x):
        if self.axis < 0:
            self.axis += x.shape.ndims  # normalised once: silent
        if self.steps < 0:
            self.steps += 1  # [python-state-update-at-trace-time]
        self.steps += 1  # [python-state-update-at-trace-time]
        return tf.reduce_sum(x, axis=self.axis)


@tf.function
def reduce(x):
    global axis, calls
    if axis < 0:
        axis = axis + len(x.shape)  # a module setting normalised once: silent
    calls = calls + 1  # [python-state-update-at-trace-time]
    return tf.reduce_sum(x, axis=axis)
