"""A base class owning the training loop; its step calls ``self.loss``, which subclasses in scripts
beside the package override (pierremtb's PINNs-TF2.0, issue 30): the override is judged too."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf


class NeuralNetwork:
    def __init__(self, epochs):
        self.epochs = epochs
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(4)])
        self.optimizer = tf.keras.optimizers.Adam()

    def loss(self, u, u_pred):
        return tf.reduce_mean(tf.square(u - u_pred))

    def grad(self, x, u):
        with tf.GradientTape() as tape:
            loss_value = self.loss(u, self.model(x))
        return loss_value, tape.gradient(loss_value, self.model.trainable_variables)

    def optimization_step(self, x, u):  # [tf-function-opportunity]
        loss_value, grads = self.grad(x, u)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss_value

    def optimization(self, x, u):
        for _ in range(self.epochs):
            self.optimization_step(x, u)


class NoisyNetwork:
    def __init__(self, epochs):
        self.epochs = epochs
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(4)])
        self.optimizer = tf.keras.optimizers.Adam()

    def loss(self, u, u_pred):
        return tf.reduce_mean(tf.square(u - u_pred))

    def grad(self, x, u):
        with tf.GradientTape() as tape:
            loss_value = self.loss(u, self.model(x))
        return loss_value, tape.gradient(loss_value, self.model.trainable_variables)

    def noisy_step(self, x, u):  # a subclass in a script overrides loss with a print
        loss_value, grads = self.grad(x, u)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss_value

    def optimization(self, x, u):
        for _ in range(self.epochs):
            self.noisy_step(x, u)
