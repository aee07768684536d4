"""A Keras layer whose call runs a helper of helpers.py (no tf.function spelled in this module)."""
# pylint: disable=missing-function-docstring,too-few-public-methods
import keras

from ctxpkg.helpers import clip, shrink


class Clipped(keras.layers.Layer):
    def call(self, inputs):
        return shrink(clip(inputs)) + 1
