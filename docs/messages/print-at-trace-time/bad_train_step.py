import numpy as np
import keras


class Regressor(keras.Model):
    """No tf.function anywhere: Keras Model.fit traces train_step itself."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        print("train_step", data)  # [print-at-trace-time]
        return super().train_step(data)


if __name__ == "__main__":
    from _evidence import captured_output, lines_with, symptom

    x = np.ones((32, 4), "float32")
    y = np.ones((32, 1), "float32")
    model = Regressor()
    model.compile(optimizer="sgd", loss="mse")
    with captured_output() as output:
        model.fit(x, y, batch_size=4, epochs=1, verbose=0)  # 8 steps
    printed = lines_with(output[0], "train_step")
    assert 1 <= printed < 8, f"expected print() to run only while Keras traced train_step, saw {printed} of 8"
    symptom(f"fit ran 8 steps, print() in train_step ran {printed} time(s): only while Keras traced it")
