"""Values frozen at trace time: random numbers, clocks, outer iterators."""
# pylint: disable=missing-function-docstring,invalid-name
import datetime
import logging
import random
import time
from datetime import datetime as dt

import numpy as np
import tensorflow as tf

DATA = iter([1.0, 2.0, 3.0])


@tf.function
def noisy(x):
    noise = random.random()  # [frozen-value-at-trace-time]
    jitter = np.random.normal(0.0, 1.0)  # [frozen-value-at-trace-time]
    stamp = time.time()  # [frozen-value-at-trace-time]
    day = datetime.datetime.now()  # [frozen-value-at-trace-time]
    other = dt.now()  # [frozen-value-at-trace-time]
    logging.info("tracing noisy %s", x)  # [logging-at-trace-time]
    with open("trace.log", "a", encoding="utf-8") as log:  # [file-written-at-trace-time]
        log.write("traced")
    with open("config.json", encoding="utf-8") as config:  # reading is fine
        config.read()
    return x + noise + jitter + stamp, day, other


@tf.function
def consume(x):
    return x + next(DATA)  # [frozen-value-at-trace-time]


# ---- negatives ----------------------------------------------------------


@tf.function
def graph_random(x):
    return x + tf.random.uniform([]) + tf.cast(tf.timestamp(), tf.float32)


DATASET_ITERATOR = iter(tf.data.Dataset.range(3))


@tf.function
def dataset_iterator(x):
    return x + next(DATASET_ITERATOR)  # a tf.data iterator: next() is a graph op


@tf.function
def local_iterator(xs):
    it = iter([1, 2, 3])
    return xs + next(it)


def eager_noise(x):
    return x + random.random() + time.time()


def seeded():
    rng = np.random.default_rng(0)
    return rng.normal()


# ---- files written at trace time (issue 27) -------------------------------------------------------
import json as _json  # noqa: E402  # pylint: disable=wrong-import-position,wrong-import-order
import pickle as _pickle  # noqa: E402  # pylint: disable=wrong-import-position,wrong-import-order

import numpy as _np  # noqa: E402  # pylint: disable=wrong-import-position,wrong-import-order


def _dump_helper(stats, handle):
    _pickle.dump(stats, handle)  # [file-written-at-trace-time]


@tf.function
def dumps_files(x, handle):
    _json.dump({"x": 1}, handle)  # [file-written-at-trace-time]
    _np.save("x.npy", _np.zeros(3))  # [file-written-at-trace-time]
    _dump_helper({}, handle)
    with open("config.json", "r", encoding="utf-8") as config:  # reading: not this rule
        config.read()
    return x


def eager_dump(handle):
    _json.dump({"x": 1}, handle)  # not traced
