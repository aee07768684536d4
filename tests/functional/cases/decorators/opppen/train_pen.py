"""The GAN script: its discriminator step passes a partial of a Keras model and a setting."""
# pylint: disable=missing-function-docstring,invalid-name
import argparse
import functools

import tensorflow as tf

import penlib as gan

parser = argparse.ArgumentParser()
parser.add_argument("--mode", default="none")
args = parser.parse_args()

D = tf.keras.Sequential([tf.keras.layers.Dense(1)])
D_optimizer = tf.keras.optimizers.Adam()


def train_D(x_real, x_fake):  # [tf-function-opportunity]
    with tf.GradientTape() as t:
        loss = tf.reduce_mean(D(x_real, training=True)) - tf.reduce_mean(D(x_fake, training=True))
        gp = gan.gradient_penalty(functools.partial(D, training=True), x_real, x_fake, mode=args.mode)
        loss = loss + gp
    grads = t.gradient(loss, D.trainable_variables)
    D_optimizer.apply_gradients(zip(grads, D.trainable_variables))
    return loss


def train_D_metric(x_real, x_fake, metric_fn):  # the callable passed in may run any Python
    with tf.GradientTape() as t:
        loss = tf.reduce_mean(D(x_real, training=True)) - tf.reduce_mean(D(x_fake, training=True))
        loss = loss + gan.gradient_penalty(metric_fn, x_real, x_fake, mode=args.mode)
    grads = t.gradient(loss, D.trainable_variables)
    D_optimizer.apply_gradients(zip(grads, D.trainable_variables))
    return loss


def train_D_checked(x_real):  # the helper raises under a tensor test
    with tf.GradientTape() as t:
        loss = gan.checked_penalty(D, x_real, 10.0)
    grads = t.gradient(loss, D.trainable_variables)
    D_optimizer.apply_gradients(zip(grads, D.trainable_variables))
    return loss


def main(dataset):
    for x_real, x_fake in dataset:
        train_D(x_real, x_fake)
        train_D_metric(x_real, x_fake, lambda x: print(x))
        train_D_checked(x_real)
