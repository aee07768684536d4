import tensorflow as tf


class Config:
    scale = 2.0


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def apply(x):
    return x * 2.0


if __name__ == "__main__":
    from _evidence import symptom

    try:
        apply(Config())  # [input-signature-mismatch]
    except TypeError as error:
        assert "Binding inputs to tf.function failed" in str(error), error
    else:
        raise AssertionError("a Python object cannot bind to a TensorSpec")
    symptom("a Python object for a TensorSpec argument: TypeError: Binding inputs to tf.function failed")
