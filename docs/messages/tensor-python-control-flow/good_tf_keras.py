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
            loss = tf.where(loss > 10.0, loss / 10.0, loss)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


if __name__ == "__main__":
    from _evidence import ok

    inputs = tf_keras.Input(shape=(2,))
    model = Clipped(inputs, tf_keras.layers.Dense(1)(Gate()(inputs)))
    model.compile(optimizer="sgd")
    history = model.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
    assert "loss" in history.history
    ok("tf_keras: the Python if in Layer.call is converted; tf.where in train_step trains under fit")
