import numpy as np
import tensorflow as tf

inputs = tf.keras.Input(shape=(None, None, 3))
features = [tf.keras.layers.Conv2D(4, 3, padding="same")(inputs), tf.keras.layers.Conv2D(2, 3, padding="same")(inputs)]
dream_model = tf.keras.Model(inputs=inputs, outputs=features)


def total_activation(img, model):
    # the model has two outputs: a Python list, so this loop unrolls when traced
    activations = model(tf.expand_dims(img, axis=0))
    losses = []
    for act in activations:
        losses.append(tf.reduce_mean(act))
    return tf.reduce_sum(losses)


def ascend(img, steps, step_size):  # [tf-function-opportunity]
    for _ in tf.range(steps):
        with tf.GradientTape() as tape:
            tape.watch(img)
            loss = total_activation(img, dream_model)
        gradients = tape.gradient(loss, img)
        img = img + gradients * step_size
    return img


def dream(img, total=12, chunk=5):
    img = tf.constant(img)
    remaining = total
    while remaining:
        # a Python number per chunk (5, 5, 2): a bare @tf.function would trace once per value
        count = chunk if remaining > chunk else remaining
        remaining -= count
        img = ascend(img, count, 0.01)
        img = tf.clip_by_value(img, -1.0, 1.0)
        print("steps left", remaining)
    return img


if __name__ == "__main__":
    from _evidence import symptom

    image = np.random.default_rng(0).uniform(size=(16, 16, 3)).astype(np.float32)
    dreamed = dream(image)
    assert dreamed.shape == (16, 16, 3) and not hasattr(ascend, "experimental_get_tracing_count")
    symptom("12 gradient-ascent steps in 3 chunks, every op dispatched eagerly one by one: no graph was built")
