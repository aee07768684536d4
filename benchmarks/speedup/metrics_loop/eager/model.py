import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class ActivityRegularizationLayer(layers.Layer):
    def call(self, inputs):
        self.add_loss(1e-2 * tf.reduce_sum(inputs))
        return inputs


def get_model(features=64):
    inputs = keras.Input(shape=(features,), name="digits")
    x = layers.Dense(64, activation="relu")(inputs)
    # Insert activity regularization as a layer
    x = ActivityRegularizationLayer()(x)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(10, name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs)
