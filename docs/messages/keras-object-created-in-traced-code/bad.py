import keras
import tensorflow as tf


@tf.function
def predict(x):
    layer = keras.layers.Dense(2)  # [keras-object-created-in-traced-code]
    return layer(x)


if __name__ == "__main__":
    from _evidence import symptom

    try:
        predict(tf.ones([1, 3]))
    except ValueError as error:
        assert "singleton tf.Variables created on the first call" in str(error), error
    else:
        raise AssertionError("building a Keras layer inside the tf.function should fail")
    symptom("first call raises ValueError: the layer's variables are created inside the trace")
