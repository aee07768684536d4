"""The loss of oppvtrain.py's step: it calls the model's methods on a parameter and never imports oppvae."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


def vae_loss(model, x):
    z = model.encode(x)
    return tf.reduce_mean(tf.square(model.decode(z) - x))
