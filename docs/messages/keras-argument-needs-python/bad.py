import keras
import tensorflow as tf


class FrozenBN(keras.layers.BatchNormalization):
    """The widely copied "freeze BN" subclass."""

    def call(self, x, training=False):
        training = tf.logical_and(training, self.trainable)
        return super().call(x, training)  # [keras-argument-needs-python]


class Noisy(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.rate = tf.Variable(0.3, trainable=False)
        self.drop = keras.layers.Dropout(self.rate)  # [keras-argument-needs-python]

    def call(self, x, training=None):
        return self.drop(x, training=training)


if __name__ == "__main__":
    from _evidence import symptom

    def failure(layer):
        try:
            tf.function(lambda x: layer(x, training=True))(tf.ones([2, 3]))
        except (tf.errors.OperatorNotAllowedInGraphError, TypeError, ValueError) as error:
            return f"{type(layer).__name__}: {type(error).__name__}"
        raise AssertionError(f"{type(layer).__name__} should fail with a tensor where Keras needs Python")

    failures = [failure(FrozenBN()), failure(Noisy())]
    symptom(f"Keras 3 needs Python values there: {'; '.join(failures)}")
