import numpy as np
import keras
import tensorflow as tf


class Regressor(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        tf.print("train_step", tf.shape(data[0]))
        return super().train_step(data)


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, ok

    x = np.ones((32, 4), "float32")
    y = np.ones((32, 1), "float32")
    model = Regressor()
    model.compile(optimizer="sgd", loss="mse")
    with captured_output() as output:
        model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    printed = lines_with(output[0], "train_step")
    assert printed == 8, f"expected tf.print on each of the 8 steps, saw {printed}"
    ok("fit ran 8 steps, tf.print printed 8 times")
