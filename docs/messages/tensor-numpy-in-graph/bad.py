import tensorflow as tf


@tf.function
def normalize(x):
    scale = tf.reduce_max(tf.abs(x)).numpy()  # [tensor-numpy-in-graph]
    return x / scale


if __name__ == "__main__":
    from _evidence import symptom

    try:
        normalize(tf.constant([1.0, -4.0, 2.0]))
    except AttributeError as error:
        assert "no attribute 'numpy'" in str(error), error
        symptom(f"{str(error).strip().splitlines()[-1].strip()[:100]}")
    else:
        raise AssertionError("expected AttributeError: .numpy() on a symbolic tensor")
