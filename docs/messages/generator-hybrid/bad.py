import tensorflow as tf


@tf.function
def squares(n):
    for i in tf.range(n):
        yield i * i  # [generator-hybrid]


if __name__ == "__main__":
    from _evidence import captured_output, symptom

    try:
        with captured_output():  # AutoGraph's warning about the generator
            squares(tf.constant(4))
    except TypeError as error:
        assert "generator" in str(error), error
        symptom("TypeError: ... found return value of type generator")
    else:
        raise AssertionError("expected TypeError: a tf.function cannot return a generator")
