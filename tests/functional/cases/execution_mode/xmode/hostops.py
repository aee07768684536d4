"""Helpers traced by a hybrid of train.py: reported here, where the eager-only code is."""
# pylint: disable=missing-function-docstring
import numpy as np
import tensorflow as tf


def to_host(x):
    return x.numpy()  # [tensor-numpy-in-graph]


def spread(x):
    centered = tf.square(x)
    return np.std(centered)  # [numpy-on-tensor]


def host_only(x):
    return x.numpy()  # only called eagerly
