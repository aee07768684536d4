import tensorflow as tf
import tf_keras


class Noisy(tf_keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.rate = tf.Variable(0.3, trainable=False)
        self.drop = tf_keras.layers.AlphaDropout(self.rate)  # [keras-argument-needs-python]

    def call(self, x, training=None):
        return self.drop(x, training=training)


if __name__ == "__main__":
    from _evidence import symptom

    try:
        tf.function(lambda x: Noisy()(x, training=True))(tf.ones([2, 3]))
    except (tf.errors.OperatorNotAllowedInGraphError, TypeError, ValueError) as error:
        symptom(f"tf_keras AlphaDropout(rate=tf.Variable): {type(error).__name__}")
    else:
        raise AssertionError("expected tf_keras's AlphaDropout to need a Python rate")
