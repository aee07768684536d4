"""An eager train step whose inputs come from outside the linted code (the caller's ``batches``), and
a Python number that changes between epochs: a bare ``@tf.function`` would trace once per batch
shape and per ``scale``. The static facts cannot prove a signature (nothing here shows what
``batches`` holds), so ``tf-function-opportunity`` is silent until ``pytest --hybridize-traces``
has observed the calls; then its fix writes the input_signature they prove."""
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(16), tf.keras.layers.Dense(1)])
model.build((None, 3))
optimizer = tf.keras.optimizers.SGD(0.01)
optimizer.build(model.trainable_variables)  # no variable created in the step: one trace is one trace


def train_step(x, y, scale):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x * scale) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def fit(batches, epochs):
    losses = []
    scale = 1.0
    for _ in range(epochs):
        for x, y in batches:
            losses.append(train_step(x, y, scale))
        scale = scale / 2
    return losses
