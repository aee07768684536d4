import tensorflow as tf


@tf.function
def accumulate(x):
    total = tf.Variable(0.0)  # [variable-created-in-traced-code]
    total.assign_add(x)
    return total.read_value()


if __name__ == "__main__":
    from _evidence import symptom

    try:
        accumulate(tf.constant(1.0))
    except ValueError as error:
        assert "singleton tf.Variables created on the first call" in str(error), error
    else:
        raise AssertionError("creating a tf.Variable in the body should fail on the first call")
    symptom("first call raises ValueError: tf.function only supports singleton tf.Variables ...")
