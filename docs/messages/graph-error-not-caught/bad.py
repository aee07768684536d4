import tensorflow as tf


def inverse_or_zeros(m):
    try:  # [graph-error-not-caught]
        result = tf.linalg.inv(m)
    except tf.errors.InvalidArgumentError:
        result = tf.zeros_like(m)
    return result


graph_inverse_or_zeros = tf.function(inverse_or_zeros)


if __name__ == "__main__":
    from _evidence import symptom

    singular = tf.constant([[1.0, 2.0], [2.0, 4.0]])
    assert inverse_or_zeros(singular).numpy().tolist() == [[0.0, 0.0], [0.0, 0.0]]  # eager: caught
    try:
        graph_inverse_or_zeros(singular)
    except tf.errors.InvalidArgumentError as error:
        assert "not invertible" in error.message, error.message
        symptom("eager: caught, zeros returned; tf.function: InvalidArgumentError 'Input is not invertible' escapes")
    else:
        raise AssertionError("expected the op error to escape the tf.function")
