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


if __name__ == "__main__":
    from _evidence import ok

    x = tf.ones([2, 3])
    for optimizer in (fast, slow, fast, slow):
        train_step(model, optimizer, x)
    assert int(fast.iterations) == 2 and int(slow.iterations) == 2
    ok("optimizers built before the first call: both train, 2 steps each")
