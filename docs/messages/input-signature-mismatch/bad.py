import tensorflow as tf


class Config:
    scale = 2.0


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def apply(x):
    return x * 2.0


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def scaled(x, **options):
    return x * options.get("scale", 1.0)


if __name__ == "__main__":
    from _evidence import symptom

    try:
        apply(Config())  # [input-signature-mismatch]
    except TypeError as error:
        assert "Binding inputs to tf.function failed" in str(error), error
    else:
        raise AssertionError("a Python object cannot bind to a TensorSpec")
    assert float(scaled(tf.constant(1.0))) == 1.0  # **options alone binds: no extra keyword passed
    try:
        scaled(tf.constant(1.0), scale=2.0)  # [input-signature-mismatch]
    except TypeError as error:
        assert "Binding inputs to tf.function failed" in str(error), error
        assert "unexpected keyword argument 'scale'" in str(error), error
    else:
        raise AssertionError("an extra keyword cannot bind beside an input_signature")
    symptom("a Python object for a TensorSpec argument, and an extra keyword taken by **options: "
            "TypeError: Binding inputs to tf.function failed")
