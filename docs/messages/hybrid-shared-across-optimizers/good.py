import keras
import tensorflow as tf

model = keras.Sequential([keras.layers.Dense(1)])
model.build((None, 3))
fast = keras.optimizers.Adam(0.1)
slow = keras.optimizers.Adam(0.01)
fast.build(model.trainable_variables)  # slot variables created up front, outside any trace
slow.build(model.trainable_variables)


@tf.function
def train_step(model, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


@tf.function
def fit_step(model, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


ONCE = keras.optimizers.Adam(0.01)  # made once, before any loop


def train(x):
    return fit_step(model, ONCE, x)


if __name__ == "__main__":
    from _evidence import ok

    x = tf.ones([2, 3])
    for optimizer in (fast, slow, fast, slow):
        train_step(model, optimizer, x)
    assert int(fast.iterations) == 2 and int(slow.iterations) == 2
    for _ in range(3):
        train(x)
    assert int(ONCE.iterations) == 3 and fit_step.experimental_get_tracing_count() == 2  # 2: first call's variable check
    ok("optimizers built before the first call: both train, 2 steps each; one optimizer made once: 3 steps, no error")
