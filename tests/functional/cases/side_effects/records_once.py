"""outer-state-mutation-at-trace-time: ``if key not in seen: seen.add(key)`` with Python keys is a
registry that makes its branch run once (dl_techniques' CapsNet warns once per skipped metric in its
train_step): filled at trace time, it does what it is for. A tensor stored, or a fill without the
membership test, is still reported."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import logging

import keras
import tensorflow as tf

SEEN = set()
WARNED = {}
VALUES = {}


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(2)
        self._skipped = set()
        self._names = []

    def train_step(self, data):
        x, y = data
        for metric in self.metrics:
            try:
                metric.update_state(y, self(x))
            except ValueError:
                if metric.name not in self._skipped:
                    self._skipped.add(metric.name)
                    logging.warning("skipping %s", metric.name)
                if metric.name not in self._names:
                    self._names.append(metric.name)
        return {}


@tf.function
def step(x):
    name = x.dtype.name
    if name not in SEEN:
        SEEN.add(name)
    if name not in WARNED:
        WARNED[name] = True
    if name not in VALUES:
        VALUES[name] = x * 2  # [outer-state-mutation-at-trace-time]
    SEEN.add("always")  # [outer-state-mutation-at-trace-time]
    return x
