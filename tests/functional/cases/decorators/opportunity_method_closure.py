"""A closure a method defines and only calls in its own loop is eager-driven (session 36, study S360:
psiz's ``fit`` and its ``train_step``): proposed. Decorated, each call of the method makes a new
tf.function traced once for the whole loop (measured under TF 2.21). Left out: a closure returned,
stored, passed on or called from another nested def, and one that reads a name the loop rebinds
(its own target ``epoch`` too) or changes in place, and a factory of functions (tf_keras's
``build_map_fn``) (the trace would keep its first value)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import tensorflow as tf


class Trainer:
    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
        self.optimizer = tf.keras.optimizers.Adam()

    def fit(self, dataset, epochs):
        model = self.model
        optimizer = self.optimizer
        metric = tf.keras.metrics.Mean()

        def train_step(x, y):  # [tf-function-opportunity]
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(x) - y) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            metric.update_state(loss)

        for _ in range(epochs):
            metric.reset_state()
            for x, y in dataset:
                train_step(x, y)
        return metric.result()

    def fit_returned(self, dataset):
        model = self.model

        def train_step(x, y):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(x) - y) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, model.trainable_variables))

        for x, y in dataset:
            train_step(x, y)
        return train_step

    def fit_scaled(self, dataset, epochs):
        model = self.model
        scale = 1.0

        def train_step(x, y):
            with tf.GradientTape() as tape:
                loss = scale * tf.reduce_mean((model(x) - y) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, model.trainable_variables))

        for _ in range(epochs):
            for x, y in dataset:
                train_step(x, y)
            scale = scale / 2

    def fit_epoch_weighted(self, dataset, epochs):
        model = self.model

        def train_step(x, y):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(x) - y) ** 2) / (epoch + 1)
            grads = tape.gradient(loss, model.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, model.trainable_variables))

        for epoch in range(epochs):
            for x, y in dataset:
                train_step(x, y)

    def adapt(self, datasets):
        model = self.model

        def build_map_fn(layer, kwargs):  # a factory: its map_fn is Dataset.map's, not a step
            def map_fn(*x):
                return tf.nest.flatten(layer(x, **kwargs))

            return map_fn

        for dataset, kwargs in datasets:
            map_fn = build_map_fn(model, kwargs)
            dataset.map(map_fn)

    def fit_mapped(self, dataset):
        model = self.model

        def train_step(x, y):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(x) - y) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, model.trainable_variables))

        for x, y in dataset:
            train_step(x, y)
        return dataset.map(lambda x, y: train_step(x, y))
