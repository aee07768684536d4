"""A Python list or dict passed into a tf.function and mutated there (issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf


@tf.function
def collect(x, acc):
    acc.append(x)  # [argument-mutated-in-traced-code]
    return x


def remember(store, key, value):
    store[key] = value  # [argument-mutated-in-traced-code]


@tf.function
def put(x, table):
    remember(table, "last", x)
    return x


@tf.function
def copies(x, acc):
    acc = list(acc)
    acc.append(x)
    return acc


@tf.function
def fills(x, state):
    state["x"] = x  # no call site shows a Python dict: silent
    return x


@tf.function
def pops(x, **options):
    options.pop("unused", None)  # **kwargs is built per call: fine
    return x


@tf.function
def appends(x, buffer):
    buffer.append(x)  # no call site shows a Python list (a user object may have .append): silent
    return x


@tf.function
def local_list(x):
    out = []
    out.append(x)
    return out


collect(tf.constant(1.0), [])
put(tf.constant(1.0), {})
copies(tf.constant(1.0), [])
fills(tf.constant(1.0), tf.Variable([0.0]))
pops(tf.constant(1.0), unused=1)


# ---- issue 27: a project wrapper's hybrid called with a list attribute of a plain class ---------------
class Accumulator:
    def __init__(self):
        self.items = []
        self.step = self._wrap(self._step)

    def _wrap(self, fn):
        return tf.function(fn)

    def _step(self, x, acc):
        acc.append(x)  # [argument-mutated-in-traced-code]
        return x

    def go(self):
        return self.step(tf.constant(1.0), self.items)


class TrackedAccumulator(tf.Module):
    def __init__(self):
        super().__init__()
        self.items = []  # a tracked ListWrapper in a tf.Module: not judged

    @tf.function
    def step(self, x, acc):
        acc.append(x)
        return x

    def go(self):
        return self.step(tf.constant(1.0), self.items)
