"""A tf.function or an optimizer made on every call of an eager helper (issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])


def scale(x):
    return x * 2.0


def run_step(x):
    @tf.function
    def step(v):  # [tf-function-created-in-loop]
        return v + 1.0

    return step(x)


def run_wrapped(x):
    fast = tf.function(scale)  # [tf-function-created-in-loop]
    return fast(x)


@tf.function
def train_step(x, opt):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def train(x):
    opt = tf.keras.optimizers.Adam(0.01)
    return train_step(x, opt)  # [hybrid-shared-across-optimizers]


def main(batches):
    for batch in batches:
        run_step(batch)
        run_wrapped(batch)
        train(batch)
    for batch in batches:
        optimizer = tf.keras.optimizers.SGD(0.1)
        train_step(batch, optimizer)  # [hybrid-shared-across-optimizers]


# ---- negatives ----------------------------------------------------------


def make_step():
    @tf.function
    def step(v):  # returned, not called here: the caller decides (kept for later below)
        return v - 1.0

    return step


def train_once(batches):
    opt = tf.keras.optimizers.Adam(0.01)  # one optimizer for the whole loop
    for batch in batches:
        train_step(batch, opt)


STEPS = []
for _ in range(3):
    STEPS.append(make_step())
