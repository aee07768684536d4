"""Tracing freezes an attribute the program reassigns between calls (session 36, study S251:
``self.alpha`` decayed per epoch, read by ``_train_batch``): a tf.function traced once keeps the
first value, so the step is not proposed; a step whose attributes stay put is."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf


class DecayingTrainer:
    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
        self.optimizer = tf.keras.optimizers.Adam()
        self.alpha = 1.0
        self.decay = 0.1

    def _loss(self, x, y):  # [tf-function-opportunity]
        # (the largest unit a graph can hold: it reads no reassigned attribute)
        return tf.reduce_mean((self.model(x) - y) ** 2)

    def _train_batch(self, x, y):
        with tf.GradientTape() as tape:
            loss = self._loss(x, y) + self.alpha * tf.reduce_sum(self.model(x))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    def train(self, batches, epochs):
        for _ in range(epochs):
            for x, y in batches:
                self._train_batch(x, y)
            self.alpha = max(0.0, self.alpha - self.decay)


class HelperReadsDecayingScale:
    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
        self.optimizer = tf.keras.optimizers.Adam()
        self.scale = 1.0

    def _penalty(self, x):
        return self.scale * tf.reduce_sum(self.model(x))

    def _train_batch(self, x):
        with tf.GradientTape() as tape:
            loss = self._penalty(x)
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    def train(self, batches, epochs):
        for _ in range(epochs):
            for x in batches:
                self._train_batch(x)
            self.scale *= 0.5


class SteadyTrainer:
    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
        self.optimizer = tf.keras.optimizers.Adam()
        self.alpha = 1.0
        self.epoch = 0

    def _train_batch(self, x, y):  # [tf-function-opportunity]
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((self.model(x) - y) ** 2) + self.alpha * tf.reduce_sum(self.model(x))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    def train(self, batches, epochs):
        for _ in range(epochs):
            for x, y in batches:
                self._train_batch(x, y)
            self.epoch += 1
