"""The custom loop of model.py's CustomTraining: calls train_step eagerly, so its decorator matters."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

from advpkg import model
from advpkg.model import _normalize

net = model.CustomTraining()
for batch in tf.data.Dataset.range(3):
    net.train_step(batch)
    _normalize(tf.ones([2]))
