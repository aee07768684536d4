import numpy as np
import tensorflow as tf
from tensorflow import keras


class EagerActor(keras.Model):
    """Only ever called eagerly in this program (no fit/evaluate/predict, no tf.function): silent.

    Keras 3 runs its call on symbolic tensors once (it builds by run: no build(), an unbuilt Dense),
    then eagerly; a BatchNormalization built there raises nothing (its weights are not tracked or
    trained: a defect of its own, which no rule of ours claims)."""

    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4)

    def call(self, x):
        return keras.layers.BatchNormalization()(self.hidden(x))


if __name__ == "__main__":
    from _evidence import ok

    actor = EagerActor()
    optimizer = keras.optimizers.Adam()
    for _ in range(3):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(actor(np.ones((2, 3), "float32")))
        grads = tape.gradient(loss, actor.trainable_variables)
        optimizer.apply_gradients(zip(grads, actor.trainable_variables))
    ok("a BatchNormalization built per call in a model this program runs only eagerly: no error")
