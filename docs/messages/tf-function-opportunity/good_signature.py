import numpy as np
import tensorflow as tf

inputs = tf.keras.Input(shape=(None, None, 3))
features = [tf.keras.layers.Conv2D(4, 3, padding="same")(inputs), tf.keras.layers.Conv2D(2, 3, padding="same")(inputs)]
dream_model = tf.keras.Model(inputs=inputs, outputs=features)


def total_activation(img, model):
    activations = model(tf.expand_dims(img, axis=0))
    losses = []
    for act in activations:
        losses.append(tf.reduce_mean(act))
    return tf.reduce_sum(losses)


# what the fix writes: the shapes and dtypes every call passes, Python numbers as scalar tensors
@tf.function(input_signature=[tf.TensorSpec(shape=[16, 16, 3], dtype=tf.float32), tf.TensorSpec(shape=[], dtype=tf.int32), tf.TensorSpec(shape=[], dtype=tf.float32)])
def ascend(img, steps, step_size):
    for _ in tf.range(steps):
        with tf.GradientTape() as tape:
            tape.watch(img)
            loss = total_activation(img, dream_model)
        gradients = tape.gradient(loss, img)
        img = img + gradients * step_size
    return img


def dream(img, step, total=12, chunk=5):
    img = tf.constant(img)
    remaining = total
    while remaining:
        count = chunk if remaining > chunk else remaining
        remaining -= count
        img = step(img, count, 0.01)
        img = tf.clip_by_value(img, -1.0, 1.0)
    return img


def unknown_last_dimension_fails():
    """An unbuilt Conv2D cannot build from a spec whose last dimension is None; with it, it can
    (why the fix writes a signature only when the last dimension is proven)."""
    results = []
    for last in (None, 3):
        conv = tf.keras.layers.Conv2D(2, 3)
        traced = tf.function(conv.__call__, input_signature=[tf.TensorSpec([None, None, None, last], tf.float32)])
        try:
            traced(tf.zeros([1, 8, 8, 3]))
            results.append(True)
        except (TypeError, ValueError):
            results.append(False)
    return results == [False, True]


if __name__ == "__main__":
    from _evidence import ok

    image = np.random.default_rng(0).uniform(size=(16, 16, 3)).astype(np.float32)
    eager = dream(image, ascend.python_function)
    traced = dream(image, ascend)
    assert np.allclose(eager.numpy(), traced.numpy(), rtol=1e-5, atol=1e-6)
    assert ascend.experimental_get_tracing_count() == 1
    bare = tf.function(ascend.python_function)
    assert np.allclose(dream(image, bare).numpy(), eager.numpy(), rtol=1e-5, atol=1e-6)
    assert bare.experimental_get_tracing_count() == 2  # one trace per chunk length: 5, then 2
    assert unknown_last_dimension_fails()
    ok("input_signature: the same image, traced once for chunks of 5, 5 and 2 steps (a bare decorator traced twice)")
