"""A hybrid that calls helpers defined in sibling modules."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

from . import metrics
from .helpers import eager_report, log_stats


@tf.function
def train_step(x):
    log_stats(x)
    metrics.update(x)
    return x


def main():
    for _ in range(3):
        eager_report(train_step(tf.constant(1.0)))
