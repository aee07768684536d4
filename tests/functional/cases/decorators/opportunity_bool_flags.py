"""A parameter annotated ``bool`` takes two values: a tf.function retraces at most twice per flag
and each trace keeps its branch (measured under TF 2.21: two flags, four combinations, 40 calls:
4 traces, every result the eager one; session 36, study S251). A flag is no reason to stay silent;
a parameter annotated as a number or a string still is (each value a new trace)."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
optimizer = tf.keras.optimizers.Adam()


def train_batch(x, y, compute_auxiliary: bool = False, training: bool = True):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=training) - y) ** 2)
        if compute_auxiliary:
            loss += tf.reduce_sum(model(x))
    if training:
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def scaled_batch(x, y, scale: float = 1.0):
    with tf.GradientTape() as tape:
        loss = scale * tf.reduce_mean((model(x) - y) ** 2)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def train(train_batches, test_batches, epochs):
    for _ in range(epochs):
        for x, y in train_batches:
            train_batch(x, y, compute_auxiliary=True)
            scaled_batch(x, y)
        for x, y in test_batches:
            train_batch(x, y, training=False)
