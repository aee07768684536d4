"""Receivers passed as parameters (issue 30): a method called on a parameter (``model.sample(z)``)
or an instance called through one (``smoother(img)``) is resolved through the visible calls of the
def whose parameter it is, and is proposed when what it runs is proven like any step's; a method a
step of another module reaches (``encode``, through ``vae_loss`` in ``train_step``) is that step's
graph; an instance that goes anywhere else (a dict) is called where no call shows."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import tensorflow as tf


class VAE(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.encoder = tf.keras.layers.Dense(4)
        self.decoder = tf.keras.layers.Dense(8)

    def encode(self, x):
        return self.encoder(x)

    def decode(self, z):
        return self.decoder(z)

    def sample(self, z):  # [tf-function-opportunity]
        return tf.sigmoid(self.decode(z))


class Smoother(tf.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def __call__(self, img):  # [tf-function-opportunity]
        with tf.GradientTape() as tape:
            tape.watch(img)
            loss = tf.reduce_mean(self.model(img))
        return img + tape.gradient(loss, img)


class Escaping(tf.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def __call__(self, img):
        with tf.GradientTape() as tape:
            tape.watch(img)
            loss = tf.reduce_mean(self.model(img))
        return img + tape.gradient(loss, img)


def smooth(smoother, img, steps):
    for _ in range(steps):
        img = smoother(img)
    return img


def run_escaping(escaping, img, steps):
    for _ in range(steps):
        img = escaping(img)
    return img
