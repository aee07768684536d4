import keras
import tensorflow as tf


class SignFlip(keras.layers.Layer):
    def call(self, x):
        if tf.reduce_sum(x) < 0:  # [tensor-python-control-flow]
            x = -x
        rows = int(tf.shape(x)[0])  # [tensor-python-control-flow]
        return x * rows


if __name__ == "__main__":
    from _evidence import symptom

    layer = SignFlip()
    layer(tf.constant([[1.0, -3.0]]))  # eagerly it works
    failures = []
    try:  # Keras 3 builds a functional model by running call on symbolic tensors, unconverted
        inputs = keras.Input(shape=(2,))
        keras.Model(inputs, SignFlip()(inputs))
    except (tf.errors.OperatorNotAllowedInGraphError, TypeError) as error:
        failures.append(type(error).__name__)
    try:  # layer(x) inside a tf.function: Keras 3's __call__ does not convert call either
        tf.function(lambda x: layer(x))(tf.constant([[1.0, -3.0]]))
    except (tf.errors.OperatorNotAllowedInGraphError, TypeError) as error:
        failures.append(type(error).__name__)
    assert len(failures) == 2, failures
    symptom(f"Keras 3 Layer.call: {', '.join(failures)} (model build, layer(x) in a tf.function)")
