"""A penalty helper with a closure, a callable argument and a raise on an unknown mode (issue 30):
judged by what the graph calling it passes."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


def gradient_penalty(f, real, fake, mode):
    def _gradient_penalty(f, real, fake):
        alpha = tf.random.uniform([tf.shape(real)[0], 1], 0.0, 1.0)
        x = real + alpha * (fake - real)
        with tf.GradientTape() as t:
            t.watch(x)
            pred = f(x)
        grad = t.gradient(pred, x)
        return tf.reduce_mean((tf.norm(grad, axis=1) - 1.0) ** 2)

    if mode == "none":
        gp = tf.constant(0, dtype=real.dtype)
    elif mode == "wgan-gp":
        gp = _gradient_penalty(f, real, fake)
    else:
        raise NotImplementedError(mode)
    return gp


def checked_penalty(f, real, limit):
    pred = f(real)
    if tf.reduce_max(pred) > limit:  # a tensor test: autograph traces both branches, the raise fires
        raise ValueError("too large")
    return tf.reduce_mean(pred)
