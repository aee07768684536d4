"""Layer.call / Model.call: traced under fit/predict and when the model is built."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import logging

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Block(layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4))

    def call(self, inputs):
        print(inputs.shape, inputs.dtype)
        print(f"Block input: {inputs.shape}")
        print("inputs", inputs)  # [print-at-trace-time]
        scale = inputs.numpy().mean()  # [tensor-numpy-in-graph]
        extra = tf.Variable(1.0)  # [variable-created-in-traced-code]
        dense = keras.layers.Dense(4)  # this module runs Net only eagerly (no fit, no tf.function): silent (variables/keras_call_fit.py)
        return dense(inputs @ self.kernel) * scale * extra


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.calls = 0

    def call(self, x):
        self.calls += 1  # trace-time bookkeeping in call is ambiguous (call ids, name counters): silent
        with tf.init_scope():
            print("built once")
        y = tf.py_function(self._eager_stats, [x], tf.float32)
        return self.block(x) + y

    def _eager_stats(self, x):
        print("eager", x)
        return float(np.mean(x.numpy()))


class Lazy(layers.Dense):
    def call(self, inputs):
        if self.extra is None:
            self.extra = tf.Variable(0.0)
        return super().call(inputs) + self.extra


class NotALayer:
    def call(self, inputs):
        print(inputs)
        return inputs.numpy()


class Stats(layers.Layer):
    def call(self, inputs, mask=None):
        assert inputs.shape[-1] == 4
        centred = inputs - np.mean(inputs)  # [numpy-on-tensor]
        return centred if mask is None else centred * mask


class Logged(layers.Layer):
    def call(self, inputs):
        for index in range(2):
            print("block", index, inputs.shape)
        logging.info("Block %s input shape: %s", self.name, inputs.shape)
        logging.warning("List inputs are discouraged.")
        logging.info("inputs: %s", inputs)  # [logging-at-trace-time, tensor-formatted-at-trace-time]
        return inputs


class Flipout(layers.Layer):
    def _sign_flips(self, inputs):
        # per-call random signs stashed on self for the other methods of this call (edward2)
        self.sign_input = 2 * tf.random.uniform(tf.shape(inputs), maxval=2, dtype=tf.int32) - 1

    def call(self, inputs):
        self._sign_flips(inputs)
        return inputs * tf.cast(self.sign_input, inputs.dtype)


class Stacked(layers.Layer):
    def call(self, inputs):
        self.outputs = [inputs]  # a fresh per-call stash on self (keras-tcn)
        self.outputs.append(inputs * 2)
        try:
            result = tf.concat(self.outputs, axis=-1)
        except TypeError as error:
            print("check the input dtypes", error)
            result = inputs
        print(f"stacked: {inputs * 2}")  # [print-at-trace-time]
        return result


class Detector(keras.Model):
    def call(self, x, target=None, return_preds=False):
        prob_map = tf.math.sigmoid(x)
        if target is None or return_preds:
            return [float(v) for v in prob_map.numpy()]  # a branch for direct eager calls (python-doctr)
        return prob_map.numpy()  # [tensor-numpy-in-graph]


def _scale(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.relu(x) * tf.constant(2.0)
    return tape.gradient(y, x)


def _eager_scale(x):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.relu(x) * tf.constant(2.0)
    return tape.gradient(y, x)


class Repeat(layers.Layer):
    def call(self, inputs):
        for _ in range(3):
            inputs = _scale(inputs)  # already traced by Keras: no tf.function to suggest
        return inputs


def eager_loop(x):
    for _ in range(3):
        x = _eager_scale(x)
    return x
