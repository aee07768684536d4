import keras
import tensorflow as tf


@tf.function
def noisy(x):
    return keras.layers.Dropout(0.5)(x, training=True)  # [keras-object-created-in-traced-code]


if __name__ == "__main__":
    from _evidence import symptom

    try:
        noisy(tf.ones([2, 3]))
    except ValueError as error:
        assert "singleton tf.Variables created on the first call" in str(error), error
    else:
        raise AssertionError("Keras 3's Dropout creates a seed variable in its constructor: expected ValueError")
    symptom("Keras 3 Dropout(...) in a tf.function: ValueError (its constructor creates seed_generator_state)")
