"""A small training script with the hybridization bugs pylint-hybridize finds."""
import tensorflow as tf


def log_progress(step, loss):
    print("step", step, "loss", loss)


@tf.function
def train_step(model, x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    log_progress(0, loss)
    return grads, loss


@tf.function
def scale(x, factor):
    print("tracing scale")
    return x * factor
