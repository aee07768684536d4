import keras
import numpy as np
import tensorflow as tf


class Clipped(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(self(x, training=True) - y))
        if loss > 10.0:  # [tensor-python-control-flow]
            loss = loss / 10.0
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


if __name__ == "__main__":
    from _evidence import symptom

    inputs = keras.Input(shape=(2,))
    model = Clipped(inputs, keras.layers.Dense(1)(inputs))
    model.compile(optimizer="sgd")
    try:
        model.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
    except (tf.errors.OperatorNotAllowedInGraphError, TypeError) as error:
        symptom(f"fit runs train_step without autograph: {type(error).__name__}")
    else:
        raise AssertionError("expected a Python if on the loss to fail under fit")
