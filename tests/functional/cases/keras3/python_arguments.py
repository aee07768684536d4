"""keras-argument-needs-python: tensors where Keras 3 needs Python values (catalogue-measured)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,unused-variable
import keras
import tensorflow as tf


class FrozenBN(keras.layers.BatchNormalization):
    def call(self, x, training=False):
        training = tf.logical_and(training, self.trainable)
        return super().call(x, training)  # [keras-argument-needs-python]


class Net(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.rate = tf.Variable(0.3)
        self.drop = keras.layers.Dropout(self.rate)  # [keras-argument-needs-python]
        self.bn = keras.layers.BatchNormalization()
        self.noise = keras.layers.GaussianNoise(tf.Variable(0.1))  # [keras-argument-needs-python]
        self.ok = keras.layers.Dropout(0.5)
        self.norm = keras.layers.LayerNormalization()
        self.dense = keras.layers.Dense(4, use_bias=True)

    def call(self, x, training=None):
        t = tf.constant(True)
        y = self.bn(x, training=t)  # [keras-argument-needs-python]
        z = self.bn(x, training=training)
        w = self.norm(x, training=t)  # LayerNormalization takes a tensor training (measured)
        v = self.ok(x, training)
        return keras.layers.Dropout(0.2)(y, training=tf.constant(True))  # [keras-argument-needs-python, keras-object-created-in-traced-code]


class Other:
    def call(self, x, training=None):
        return x


def unrelated(x):
    helper = Other()
    return helper.call(x, tf.constant(True))
