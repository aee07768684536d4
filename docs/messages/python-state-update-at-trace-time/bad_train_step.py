import numpy as np
import keras


class Counting(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)
        self.steps_seen = 0

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        self.steps_seen += 1  # [python-state-update-at-trace-time]
        return super().train_step(data)


if __name__ == "__main__":
    from _evidence import symptom

    x = np.ones((32, 4), "float32")
    y = np.ones((32, 1), "float32")
    model = Counting()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)  # 8 steps
    assert model.steps_seen < 8, model.steps_seen
    symptom(f"fit ran 8 steps, the Python counter in train_step ended at {model.steps_seen}")
