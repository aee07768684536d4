"""An input_signature from the call sites (issue 30): ``ascend`` gets a Python number that changes
per chunk (``count``), which would retrace a bare decorator; its every argument's rank and dtype
are proven from the visible calls (an image of shape (16, 16, 3), float32; Python ints used only
in ``tf.range``; a Python float only multiplied with a float32 tensor), so it is proposed with
``input_signature=[TensorSpec([16, 16, 3], float32), TensorSpec([], int32), TensorSpec([], float32)]``.
Its helper appends to a local list while iterating the outputs of a two-output Keras model (a Python
list, unrolled at trace time), and its driver does TF ops itself but prints, so it cannot be the
graph, and is called only by the script: the loop is a driver loop.

Not proposed: a Python number used in ``range`` (a tensor there would change the loop), a helper
appending while it iterates a tensor (autograph would make that loop a ``tf.while_loop``), and a
function reading a static ``.shape`` of an image whose size differs between calls (the spec's None
would replace the number eager code saw), and a helper appending over a list that a later statement
of the loop around rebinds to a tensor (the second pass iterates a tensor)."""
# pylint: disable=missing-function-docstring
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
        count = chunk if remaining > chunk else remaining
        remaining -= count
        img = ascend(img, count, 0.01)
        img = tf.clip_by_value(img, -1.0, 1.0)
        print("steps left", remaining)
    return img


def repeat_apply(img, times):
    for _ in range(times):
        img = img + dream_model(img[None])[0][0, :, :, :3]
    return img


def repeat_driver(img):
    times = 1
    while times < 4:
        img = repeat_apply(img, times)
        times += 1
    return img


def per_row_loss(batch, model):
    losses = []
    for row in batch:
        losses.append(tf.reduce_mean(model(row[None])))
    return tf.reduce_sum(losses)


def rows_step(batch, weight):
    with tf.GradientTape() as tape:
        tape.watch(batch)
        loss = per_row_loss(batch, dream_model) * weight
    return tape.gradient(loss, batch)


def shrink(img, count):
    rows = img.shape[0]
    for _ in tf.range(count):
        img = img[:rows] * 0.5 + tf.cast(tf.reduce_mean(dream_model(img[None])[0]), tf.float32)
    return img


def shrink_all(img, total=6):
    remaining = total
    while remaining:
        count = 2 if remaining > 2 else remaining
        remaining -= count
        img = shrink(img, count)
    return img


def stacked_loss(xs):
    losses = []
    for _ in range(2):
        for x in xs:
            losses.append(tf.reduce_mean(dream_model(x[None])[0]))
        xs = tf.stack(xs)
    return tf.reduce_sum(losses)


def stacked_step(a, b):
    with tf.GradientTape() as tape:
        tape.watch(a)
        loss = stacked_loss([a, b])
    return tape.gradient(loss, a)


image = np.random.default_rng(0).uniform(size=(16, 16, 3)).astype(np.float32)
dreamed = dream(image)
repeated = repeat_driver(tf.constant(image))
for step in range(3):
    rows_step(tf.zeros([2, 8, 8, 3]), float(step))
shrink_all(tf.zeros([8, 8, 3]))
shrink_all(tf.zeros([12, 12, 3]))
for _ in range(3):
    stacked_step(tf.zeros([8, 8, 3]), tf.ones([8, 8, 3]))
