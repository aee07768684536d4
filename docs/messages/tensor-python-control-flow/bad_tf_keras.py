import tensorflow as tf
import tf_keras
import numpy as np


class Gate(tf_keras.layers.Layer):
    def call(self, x):
        if tf.reduce_sum(x) < 0:  # tf_keras converts Layer.call: this works
            x = -x
        return x


class Clipped(tf_keras.Model):
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

    inputs = tf_keras.Input(shape=(2,))
    model = Clipped(inputs, tf_keras.layers.Dense(1)(Gate()(inputs)))  # Gate.call is converted: builds
    model.compile(optimizer="sgd")
    try:
        model.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
    except (tf.errors.OperatorNotAllowedInGraphError, TypeError) as error:
        symptom(f"tf_keras converts Layer.call but runs train_step unconverted: {type(error).__name__}")
    else:
        raise AssertionError("expected a Python if on the loss to fail under tf_keras fit")
