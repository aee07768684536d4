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
