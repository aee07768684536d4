"""bad_recorded.py with the decorator the fix writes from the trace record beside it."""
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(16), tf.keras.layers.Dense(1)])
model.build((None, 3))
optimizer = tf.keras.optimizers.SGD(0.01)
optimizer.build(model.trainable_variables)


# what the fix writes from the record: ranks and dtypes of every observed call, the batch size None
# (a test's batch is no production size), the feature size kept (the Dense layers build from it)
@tf.function(input_signature=[tf.TensorSpec(shape=[None, 3], dtype=tf.float32), tf.TensorSpec(shape=[None, 1], dtype=tf.float32), tf.TensorSpec(shape=[], dtype=tf.float32)])
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


def load_batches():
    rng = np.random.default_rng(0)
    return [(tf.constant(rng.normal(size=(n, 3)), tf.float32), tf.constant(rng.normal(size=(n, 1)), tf.float32))
            for n in (4, 5, 6, 4)]


if __name__ == "__main__":
    from _evidence import ok

    initial = [w.numpy() for w in model.weights]

    def run(step):
        globals()["train_step"] = step
        model.set_weights(initial)
        return [float(loss) for loss in fit(load_batches(), epochs=2)]

    signed = train_step
    eager = run(signed.python_function)
    traced = run(signed)
    assert np.allclose(eager, traced, rtol=1e-5, atol=1e-6)
    assert signed.experimental_get_tracing_count() == 1
    bare = tf.function(signed.python_function)
    assert np.allclose(run(bare), eager, rtol=1e-5, atol=1e-6)
    assert bare.experimental_get_tracing_count() == 6  # 3 batch sizes x 2 scales
    ok("input_signature from the recorded calls: the same losses, traced once (a bare decorator traced 6 times)")
