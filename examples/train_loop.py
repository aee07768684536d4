"""A small training script with the hybridization bugs pylint-hybridize finds."""
import random

import tensorflow as tf

history = []


def log_progress(step, loss):
    print("step", step, "loss", loss)


@tf.function(experimental_relax_shapes=True)
def train_step(model, x, y, step):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    log_progress(step, loss)
    history.append(loss)
    return grads, loss + random.random() * 0.0


@tf.function
def accumulate(x):
    total = tf.Variable(0.0)
    total.assign_add(tf.reduce_sum(x))
    return total.read_value()


def train(model, data):
    for step in range(100):
        x, y = data
        train_step(model, x, y, step)
