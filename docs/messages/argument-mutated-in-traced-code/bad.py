import tensorflow as tf


@tf.function
def collect(x, acc):
    acc.append(x * 2)  # [argument-mutated-in-traced-code]
    return x


if __name__ == "__main__":
    from _evidence import symptom

    try:
        collect(tf.constant(1.0), [])
    except ValueError as error:
        assert "should not modify its Python input arguments" in str(error), error
    else:
        raise AssertionError("TF should reject a list argument changed by the function")
    symptom("ValueError: collect(x, acc) should not modify its Python input arguments")
