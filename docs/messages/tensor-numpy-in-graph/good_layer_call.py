import numpy as np
import keras
import tensorflow as tf


class Normalize(keras.layers.Layer):
    def call(self, inputs):
        peak = tf.reduce_max(inputs)
        return inputs / peak


if __name__ == "__main__":
    from _evidence import ok

    model = keras.Sequential([keras.Input((4,)), Normalize()])
    result = model.predict(np.array([[1.0, 2.0, 4.0, 8.0]], "float32"), verbose=0)
    assert np.allclose(result, [[0.125, 0.25, 0.5, 1.0]]), result
    ok("the model builds and predicts with tf.reduce_max in call")
