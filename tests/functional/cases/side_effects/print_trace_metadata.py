"""print-at-trace-time: a print of shapes and dtypes only (labelled by literals) prints once per trace
all that a print on each call would, since a trace is made per input shape and dtype (the usual
shape debugging, Deep-Learning-with-TensorFlow-book's ``print(x.shape, y.shape)`` in a Dataset.map
function); a notice alone or a tensor value is still reported."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


def preprocess(x, y):
    print(x.shape, y.shape)
    print("x:", x.shape, "dtype", x.dtype, sep=" ")
    print(f"shape {x.shape[0]} rank {len(x.shape)} {x.shape.as_list()}")
    print((x.shape, y.dtype))
    print("preprocess")  # [print-at-trace-time]
    print("x:", x)  # [print-at-trace-time]
    print(x.shape, tf.reduce_sum(x))  # [print-at-trace-time]
    return tf.cast(x, tf.float32), y


@tf.function
def normalise(x):
    print("tracing normalise with", x.shape, x.get_shape())
    print("normalise", len(x))  # [print-at-trace-time]
    return x / 2


dataset = tf.data.Dataset.from_tensor_slices(([1, 2], [3, 4])).map(preprocess)
