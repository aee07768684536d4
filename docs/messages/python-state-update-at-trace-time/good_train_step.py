import numpy as np
import keras
import tensorflow as tf


class Counting(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)
        self.steps_seen = tf.Variable(0, trainable=False)

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        self.steps_seen.assign_add(1)
        return super().train_step(data)


if __name__ == "__main__":
    from _evidence import ok

    x = np.ones((32, 4), "float32")
    y = np.ones((32, 1), "float32")
    model = Counting()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    assert int(model.steps_seen.numpy()) == 8, model.steps_seen
    ok("fit ran 8 steps, the tf.Variable counter ended at 8")
