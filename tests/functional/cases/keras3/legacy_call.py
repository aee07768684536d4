"""tf_keras (the module imports it: Keras 2) converts Layer.call; its steps still run unconverted."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import tensorflow as tf
import tf_keras


class Gate(tf_keras.layers.Layer):
    def call(self, x):
        if tf.reduce_sum(x) > 0:
            x = x * 2.0
        return x if tf.reduce_any(x > 0) else -x


class Trainer(tf_keras.Model):
    def train_step(self, data):
        x, y = data
        loss = tf.reduce_mean(tf.square(self(x) - y))
        if loss > 10.0:  # [tensor-python-control-flow]
            loss = loss / 10.0
        return {"loss": loss}


@tf.function
def noisy(x):
    return tf_keras.layers.Dropout(0.5)(x, training=True)  # tf_keras's Dropout creates no variable


class FrozenBN(tf_keras.layers.BatchNormalization):
    def call(self, x, training=False):
        training = tf.logical_and(training, self.trainable)  # tf_keras takes a tensor training
        return super().call(x, training)
