"""keras-object-created-in-traced-code from the measured catalogue (Keras 3)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import keras
import tensorflow as tf


@tf.function
def noisy(x):
    return keras.layers.Dropout(0.5)(x, training=True)  # [keras-object-created-in-traced-code]


@tf.function
def reshaped(x):
    flat = keras.layers.Flatten()(x)  # creates no variable: silent
    keras.losses.MeanSquaredError()(flat, flat)
    unused = keras.layers.Dense(3)  # built only when called: not called here
    return flat


@tf.function
def mean_of(x):
    metric = keras.metrics.Mean()  # [keras-object-created-in-traced-code]
    metric.update_state(x)
    return metric.result()


@tf.function
def unknown(x):
    return keras.layers.NoSuchLayer()(x)  # not in the catalogue: silent


class SumCell(keras.layers.Layer):
    """A weightless RNN cell: keras.layers.RNN of it creates no variable (TF 2.21, Keras 3: traced twice, no error)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.state_size = 3
        self.output_size = 3

    def call(self, inputs, states):
        return inputs + states[0], [inputs + states[0]]


@tf.function
def custom_cell(x):
    # what a wrapper of a layer (RNN, Bidirectional, TimeDistributed) creates is its layer's: unknown here
    return keras.layers.RNN(SumCell())(x)


@tf.function
def simple_cell(x):
    return keras.layers.RNN(keras.layers.SimpleRNNCell(3))(x)  # [keras-object-created-in-traced-code]
