"""The model of keras_call_eager_only.py, trained with fit: Keras 3 traces call in its train function,
and the BatchNormalization built there raises (measured: ValueError, 'tf.function only supports
singleton tf.Variables created on the first call')."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import numpy as np
from tensorflow import keras


class Critic(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4)

    def call(self, x):
        x = self.hidden(x)
        return keras.layers.BatchNormalization()(x)  # [keras-object-created-in-traced-code]


critic = Critic()
critic.compile(optimizer="adam", loss="mse")
critic.fit(np.ones((8, 3), "float32"), np.ones((8, 4), "float32"), epochs=1, verbose=0)
