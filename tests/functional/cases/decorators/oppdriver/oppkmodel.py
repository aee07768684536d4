"""Steps of a script folder driven by a sibling script's loop (issue 30): the callers are found in
the siblings that import this file; a Keras ``train_step`` that no module of the folder runs through
``fit``/``evaluate``/``predict`` runs only where it is called, eagerly (tensorflow/docs' text
generation); a model called with keywords only is still a model call."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf


class CustomTraining(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(4)

    def call(self, inputs, training=False):
        return self.dense(inputs, training=training)

    def train_step(self, inputs):  # [tf-function-opportunity]
        inputs, labels = inputs
        with tf.GradientTape() as tape:
            predictions = self(inputs, training=True)
            loss = self.loss(labels, predictions)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


class OneStep(tf.keras.Model):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def generate_one_step(self, inputs, states=None):  # [tf-function-opportunity]
        logits = self.model(inputs=inputs, training=False)
        return tf.argmax(logits, axis=-1), states


def grad(model, inputs, targets):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(inputs) - targets))
    return tape.gradient(loss, model.trainable_variables)
