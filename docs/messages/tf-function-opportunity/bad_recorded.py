"""A train step whose batches come from the caller and whose ``scale`` halves every epoch: a bare
@tf.function would retrace on every batch size and every scale, and nothing in this file shows what
``batches`` holds, so the static facts prove no input_signature. ``pytest --hybridize-traces``
observed its eager calls (the record beside this file: x float32 [n, 3], y float32 [n, 1], scale a
Python float) and the fix writes the signature they prove."""
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(16), tf.keras.layers.Dense(1)])
model.build((None, 3))
optimizer = tf.keras.optimizers.SGD(0.01)
optimizer.build(model.trainable_variables)


def train_step(x, y, scale):  # [tf-function-opportunity]
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


def load_batches():
    rng = np.random.default_rng(0)
    return [(tf.constant(rng.normal(size=(n, 3)), tf.float32), tf.constant(rng.normal(size=(n, 1)), tf.float32))
            for n in (4, 5, 6, 4)]


if __name__ == "__main__":
    from _evidence import symptom

    losses = fit(load_batches(), epochs=2)
    assert len(losses) == 8 and not hasattr(train_step, "experimental_get_tracing_count")
    symptom("8 train steps on batches of 4-6 rows and 2 scales, every op dispatched eagerly: no graph was built")
