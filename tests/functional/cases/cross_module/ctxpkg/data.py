"""A tf.data pipeline that maps a helper of helpers.py (no tf.function spelled in this module)."""
import tensorflow as tf

from ctxpkg.helpers import augment, eager_only

dataset = tf.data.Dataset.range(3).map(augment)
eager_only(1)
