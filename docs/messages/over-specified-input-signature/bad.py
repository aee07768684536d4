import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([3], tf.float32)])
def normalize(x):
    return x / tf.reduce_sum(x)


if __name__ == "__main__":
    from _evidence import symptom

    normalize(tf.ones([3]))
    try:
        normalize(tf.ones([5]))  # [over-specified-input-signature]
    except TypeError as error:
        assert "Binding inputs to tf.function failed" in str(error), error
    else:
        raise AssertionError("a shape outside the fixed input_signature should be rejected")
    symptom("input_signature [3] rejects a [5] tensor: TypeError: Binding inputs to tf.function failed")
