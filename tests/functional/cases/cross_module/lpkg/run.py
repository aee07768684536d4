"""Calls of model.py's hybrids with literals: together with model.py's calls they make 3 values."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

from lpkg import model
from lpkg.model import resize, scale

data = tf.ones([4])
resize(model.image, 128)  # [python-scalar-retracing]
scale(data, 0.5)
scale(data, 0.25)
model.scale(data, 2.0)  # [python-scalar-retracing]

# ---- negatives ----------------------------------------------------------
model.shift(model.image, 3)  # a value model.py passes already: reported there, once
resize(model.image, 64)
