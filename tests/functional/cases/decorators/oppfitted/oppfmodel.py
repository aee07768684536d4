"""A Keras ``train_step`` called in a sibling's loop and also run by ``fit`` in another sibling:
traced there, so the decorator is not proposed."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf


class Fitted(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(4)

    def call(self, inputs, training=False):
        return self.dense(inputs, training=training)

    def train_step(self, inputs):
        inputs, labels = inputs
        with tf.GradientTape() as tape:
            loss = self.loss(labels, self(inputs, training=True))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}
