"""Scripts beside the package subclass its networks."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf

from pinnlib.network import NeuralNetwork, NoisyNetwork


class BurgersNN(NeuralNetwork):
    def __init__(self, epochs, x_f):
        super().__init__(epochs)
        self.x_f = x_f

    def loss(self, u, u_pred):
        f_pred = self.f_model()
        return tf.reduce_mean(tf.square(u - u_pred)) + tf.reduce_mean(tf.square(f_pred))

    def f_model(self):
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(self.x_f)
            u = self.model(self.x_f)
            u_x = tape.gradient(u, self.x_f)
        u_xx = tape.gradient(u_x, self.x_f)
        del tape
        return u * u_x - 0.01 * u_xx


class LoudNN(NoisyNetwork):
    def loss(self, u, u_pred):
        print("loss")  # would print only while tracing
        return tf.reduce_mean(tf.square(u - u_pred))
