"""A Keras model built per call in call(), run only eagerly by this script (no fit/evaluate/predict; its one
tf.function does TF ops only): Keras 3 runs call eagerly and on symbolic tensors (its build by run), where building a
BatchNormalization raises nothing (measured, benchmarks/study_measure.py S467): silent. The same class
trained with fit (keras_call_fit.py) is reported."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import numpy as np
import tensorflow as tf
from tensorflow import keras


class Actor(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4)

    def call(self, x):
        x = self.hidden(x)
        return keras.layers.BatchNormalization()(x)  # eager and symbolic only: no error


@tf.function
def polyak_average(source, target, tau):  # a tf.function of TF ops only: it calls no model
    for a, b in zip(source, target):
        b.assign(tau * b + (1 - tau) * a)


actor = Actor()
target_actor = Actor()
optimizer = keras.optimizers.Adam()
for _ in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(actor(np.ones((2, 3), "float32")))
    grads = tape.gradient(loss, actor.trainable_variables)
    optimizer.apply_gradients(zip(grads, actor.trainable_variables))
    target_actor(np.ones((2, 3), "float32"))
    polyak_average(actor.trainable_variables, target_actor.trainable_variables, 0.5)
