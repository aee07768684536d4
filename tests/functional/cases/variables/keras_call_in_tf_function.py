"""The model of keras_call_eager_only.py, called from a tf.function train step: its call runs in that
graph, and the BatchNormalization built there raises on a later trace (measured, docs bad_fit.py)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import numpy as np
import tensorflow as tf
from tensorflow import keras


class Policy(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4)

    def call(self, x):
        x = self.hidden(x)
        return keras.layers.BatchNormalization()(x)  # [keras-object-created-in-traced-code]


policy = Policy()


@tf.function
def act(states):
    return policy(states)


for _ in range(3):
    act(np.ones((2, 3), "float32"))
