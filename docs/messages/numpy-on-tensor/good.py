import numpy as np
import tensorflow as tf


@tf.function
def center(x):
    squared = tf.square(x)
    return squared - tf.reduce_mean(squared) * np.float32(1.0)  # NumPy on constants is fine


if __name__ == "__main__":
    from _evidence import ok

    values = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    result = center(tf.constant(values)).numpy()
    expected = values**2 - np.mean(values**2)
    assert np.allclose(result, expected), (result, expected)
    ok(f"center -> {result.tolist()} (same as NumPy)")
