import numpy as np
from tensorflow import keras


class Critic(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4)

    def call(self, x):
        return keras.layers.BatchNormalization()(self.hidden(x))  # [keras-object-created-in-traced-code]


if __name__ == "__main__":
    from _evidence import symptom

    critic = Critic()
    critic.compile(optimizer="adam", loss="mse")
    try:
        critic.fit(np.ones((8, 3), "float32"), np.ones((8, 4), "float32"), epochs=1, verbose=0)
    except ValueError as error:
        assert "singleton tf.Variables created on the first call" in str(error), error
    else:
        raise AssertionError("fit traces call, where the new BatchNormalization creates variables: expected ValueError")
    symptom("a BatchNormalization built in Model.call: fit raises ValueError (variables created on a later trace)")
