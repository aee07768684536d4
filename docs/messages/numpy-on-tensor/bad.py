import numpy as np
import tensorflow as tf


@tf.function
def center(x):
    squared = tf.square(x)
    return squared - np.mean(squared)  # [numpy-on-tensor]


if __name__ == "__main__":
    from _evidence import symptom

    try:
        center(tf.constant([1.0, 2.0, 3.0]))
    except NotImplementedError as error:
        assert "Cannot convert a symbolic tf.Tensor" in str(error), error
        symptom(f"{str(error).strip().splitlines()[-1].strip()[:100]}")
    else:
        raise AssertionError("expected NotImplementedError: np.mean on a symbolic tensor")
