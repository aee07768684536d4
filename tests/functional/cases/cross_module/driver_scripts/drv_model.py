"""Plain sibling modules (no package): hybrids here, a TF-free driver in drv_train.py (issue 27 step 3)."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


@tf.function
def drv_step(x, i):
    return x * i
