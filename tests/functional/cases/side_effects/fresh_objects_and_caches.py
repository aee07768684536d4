"""Attribute containers that do not outlive a trace: an object traced code makes itself, and a cache
filled lazily (found on corpora: tensorflow-privacy's test registries, OpenNMT's word counters)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import tensorflow as tf


class Registry:
    def __init__(self):
        self._entries = {}

    def insert(self, key, value):
        self._entries[key] = value  # [outer-state-mutation-at-trace-time]
        self.touch(key)

    def touch(self, key):
        self._entries[key] = key  # [outer-state-mutation-at-trace-time]


SHARED = Registry()


@tf.function
def with_fresh_registry(x):
    registry = Registry()  # made by this trace: its dict dies with it, silent
    registry.insert("x", 1)
    return x + 1


@tf.function
def with_shared_registry(x):
    SHARED.insert("x", 1)  # outlives the trace: reported in Registry.insert and touch
    return x + 1


class Stats:
    def __init__(self):
        self._counters = {}
        self._seen = {}

    def update(self, name, n):
        counter = self._counters.get(name)
        if counter is None:
            counter = tf.Variable(0, dtype=tf.int64)  # made the first time `name` is traced
            self._counters[name] = counter
        counter.assign_add(n)
        self._seen[name] = n  # [outer-state-mutation-at-trace-time]


class Trainer:
    def __init__(self):
        self.stats = Stats()
        self._step = tf.function(self._train_step)

    def _train_step(self, x):
        self.stats.update("source", tf.cast(tf.size(x), tf.int64))
        return x * 2.0
