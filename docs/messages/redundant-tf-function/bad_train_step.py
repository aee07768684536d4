import numpy as np
import keras
import tensorflow as tf


class Regressor(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)

    def call(self, x):
        return self.dense(x)

    @tf.function
    def train_step(self, data):  # [redundant-tf-function]
        return super().train_step(data)


class Undecorated(Regressor):
    train_step = vars(Regressor)["train_step"].python_function  # the same code without the decorator


def history(model_class):
    keras.utils.set_random_seed(0)
    model = model_class()
    model.compile(optimizer="sgd", loss="mse")
    x = np.linspace(0, 1, 64, dtype="float32").reshape(16, 4)
    y = x.sum(axis=1, keepdims=True)
    return model.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0).history["loss"]


if __name__ == "__main__":
    from _evidence import symptom

    decorated, plain = history(Regressor), history(Undecorated)
    assert np.allclose(decorated, plain), (decorated, plain)
    symptom(f"fit gives the same losses with and without @tf.function on train_step: {np.round(decorated, 5).tolist()}")
