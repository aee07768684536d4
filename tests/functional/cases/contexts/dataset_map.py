"""Functions given to tf.data.Dataset's tracing methods; receivers that are not datasets stay silent."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import functools
import random
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import tensorflow as tf


def augment(image):
    print("augment", image)  # [print-at-trace-time]
    return image + random.random()  # [frozen-value-at-trace-time]


def scale(image, factor):
    return image * np.random.rand()  # [frozen-value-at-trace-time]


def keep(image):
    return image.numpy() > 0  # [tensor-numpy-in-graph]


def add(state, value):
    print(state)  # [print-at-trace-time]
    return state + value


def untouched(x):
    print(x)
    return x


class Pipeline:
    def __init__(self, files):
        self.files = files
        self.source = tf.data.TFRecordDataset(files)

    def _parse(self, record):
        print("parse")  # [print-at-trace-time]
        return record

    def build(self):
        return self.source.map(self._parse)


def make_dataset(paths):
    ds = tf.data.Dataset.from_tensor_slices(paths)
    ds = ds.shuffle(100).map(augment, num_parallel_calls=tf.data.AUTOTUNE)
    ds = ds.map(functools.partial(scale, factor=2.0)).filter(keep)

    def nested(x):
        print("nested")  # [print-at-trace-time]
        return x

    ds = ds.flat_map(lambda x: tf.data.Dataset.from_tensors(nested(x)))
    total = ds.reduce(tf.constant(0.0), add)
    return ds.batch(4), total


def typed(ds: tf.data.Dataset):
    return ds.map(lambda x: x + random.random())  # [frozen-value-at-trace-time]


def unknown(ds):
    return ds.map(untouched)


def not_datasets(items):
    eager = list(map(untouched, items))
    with ThreadPoolExecutor() as pool:
        pooled = list(pool.map(untouched, items))
    return eager, pooled


def eager_island(paths):
    def load(path):
        print("loading", path)
        return np.load(path.numpy())

    return tf.data.Dataset.from_tensor_slices(paths).map(lambda p: tf.py_function(load, [p], tf.float32))
