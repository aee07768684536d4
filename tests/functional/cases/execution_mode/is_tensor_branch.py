"""Branches for Python and NumPy values (``if not tf.is_tensor(x):``, the ``else`` of ``if
tf.is_tensor(x):``, a name bound to ``tf.is_tensor(...)``): traced code hands tensors, so they may run
only eagerly, like an eager-mode check (tf_geometric's ``drop_edge``, extra corpus)."""
# pylint: disable=missing-function-docstring
import numpy as np
import tensorflow as tf


@tf.function
def gather_rows(values, index):
    values_is_tensor = tf.is_tensor(values)
    if not values_is_tensor:
        values = tf.convert_to_tensor(values)
    picked = tf.gather(values, index)
    if not values_is_tensor:
        picked = picked.numpy()  # for NumPy callers, eagerly
    return picked


@tf.function
def take(values, index):
    if tf.is_tensor(values):
        picked = tf.gather(values, index)
    else:
        picked = np.take(values, index.numpy())  # NumPy values only: not in traced code
    return picked


@tf.function
def always(values):
    if tf.is_tensor(values):
        return values.numpy()  # [tensor-numpy-in-graph]
    return values
