import tensorflow as tf
import tf_keras


class FrozenBN(tf_keras.layers.BatchNormalization):
    def call(self, x, training=False):
        training = tf.logical_and(training, self.trainable)  # tf_keras takes a tensor training
        return super().call(x, training)


class Noisy(tf_keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.rate = tf.Variable(0.3, trainable=False)
        self.drop = tf_keras.layers.Dropout(self.rate)  # tf_keras's Dropout takes a tf.Variable rate

    def call(self, x, training=None):
        return self.drop(x, training=training)


if __name__ == "__main__":
    from _evidence import ok

    def works(layer):
        return tf.function(lambda x: layer(x, training=True))(tf.ones([2, 3])).shape == (2, 3)

    assert works(FrozenBN()) and works(Noisy())
    ok("tf_keras: the freeze-BN subclass and Dropout(tf.Variable) work in a tf.function")
