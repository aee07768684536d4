import keras
import tensorflow as tf


class FrozenBN(keras.layers.BatchNormalization):
    def call(self, x, training=False):
        return super().call(x, training=training if self.trainable else False)


class Noisy(keras.layers.Layer):
    def __init__(self, rate=0.3):
        super().__init__()
        self.drop = keras.layers.Dropout(rate)

    def call(self, x, training=None):
        return self.drop(x, training=training)


if __name__ == "__main__":
    from _evidence import ok

    def works(layer):
        return tf.function(lambda x: layer(x, training=True))(tf.ones([2, 3])).shape == (2, 3)

    assert works(FrozenBN()) and works(Noisy())
    ok("Python training and a Python rate work in a tf.function under Keras 3")
