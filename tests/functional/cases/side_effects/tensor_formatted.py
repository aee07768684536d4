"""Tensors formatted into Python text in traced code, and the negatives."""
# pylint: disable=missing-function-docstring,invalid-name
import logging

import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def step(x):
    total = tf.reduce_sum(x)
    tf.print(f"total {total}")  # [tensor-formatted-at-trace-time]
    tf.print("x %s" % x)  # [tensor-formatted-at-trace-time]
    tf.print("total {}".format(total))  # [tensor-formatted-at-trace-time]
    tf.print("total " + str(total))  # [tensor-formatted-at-trace-time]
    logging.info("total %s", total)  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    logging.info(f"total {total:.3f}")  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    tf.print("total", total)
    tf.print(f"shape {x.shape}, dtype {x.dtype}")  # static facts: fine at trace time
    logging.info("tracing with shape %s", x.shape)  # a static notice: fine at trace time
    name = "step"
    tf.print(f"in {name}")
    if x.shape[0] == 0:
        raise ValueError(f"empty input {x}")  # a trace-time check: the symbolic text is what it shows
    return total


def eager(x):
    total = tf.reduce_sum(x)
    tf.print(f"total {total}")  # eager: the f-string sees the value
    return total
