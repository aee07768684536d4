import numpy as np
import keras
import tensorflow as tf


class Scale(keras.Model):
    def call(self, inputs):
        factor = tf.Variable(tf.ones((4, 1)))  # [variable-created-in-traced-code]
        return inputs @ factor


if __name__ == "__main__":
    from _evidence import symptom

    model = Scale()
    model.compile(optimizer="sgd", loss="mse")
    try:
        model.fit(np.ones((8, 4), "float32"), np.ones((8, 1), "float32"), verbose=0)
    except ValueError as error:
        assert "singleton tf.Variables" in str(error), error
        symptom("fit raised ValueError: tf.function only supports singleton tf.Variables created on the first call")
    else:
        raise AssertionError("expected the tf.Variable created in call to fail under fit")
