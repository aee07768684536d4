import keras
import tensorflow as tf


class SignFlip(keras.layers.Layer):
    def call(self, x):
        x = tf.where(tf.reduce_sum(x) < 0, -x, x)
        rows = tf.cast(tf.shape(x)[0], x.dtype)
        return x * rows


if __name__ == "__main__":
    from _evidence import ok

    layer = SignFlip()
    eager = layer(tf.constant([[1.0, -3.0]]))
    inputs = keras.Input(shape=(2,))
    model = keras.Model(inputs, SignFlip()(inputs))
    traced = tf.function(lambda x: layer(x))(tf.constant([[1.0, -3.0]]))
    assert eager.numpy().tolist() == traced.numpy().tolist() == [[-1.0, 3.0]], (eager, traced)
    assert model(tf.constant([[1.0, -3.0]])).numpy().tolist() == [[-1.0, 3.0]]
    ok("tf.where / tf.cast work in Keras 3's unconverted Layer.call: model build and layer(x) in a tf.function")
