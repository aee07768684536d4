"""Mutation of outer state, counters, leaked tensors: positives and negatives."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,global-statement
import collections

import tensorflow as tf

history = []
cache = {}
seen = set()
counts = collections.defaultdict(int)
counter = 0
last = None
CONFIG = {"lr": 0.1}


@tf.function
def record(x):
    history.append(x)  # [outer-state-mutation-at-trace-time]
    cache["last"] = x  # [outer-state-mutation-at-trace-time]
    seen.add("x")  # [outer-state-mutation-at-trace-time]
    counts["calls"] += 1  # [outer-state-mutation-at-trace-time]
    del cache["old"]  # [outer-state-mutation-at-trace-time]
    return x


@tf.function
def count(x):
    global counter, last
    counter += 1  # [python-state-update-at-trace-time]
    last = tf.reduce_sum(x)  # [leaked-tensor-at-trace-time]
    return x + counter


def make_counter():
    calls = 0
    seen_values = []

    @tf.function
    def step(x):
        nonlocal calls
        calls += 1  # [python-state-update-at-trace-time]
        seen_values.append(x)  # [outer-state-mutation-at-trace-time]
        return x

    return step


class Tracker(tf.Module):
    def __init__(self):
        super().__init__()
        self.calls = 0
        self.outputs = []
        self.total = tf.Variable(0.0)
        self.layer = None

    @tf.function
    def __call__(self, x):
        self.calls += 1  # [python-state-update-at-trace-time]
        self.last = tf.reduce_sum(x)  # [leaked-tensor-at-trace-time]
        self.outputs.append(x)  # [outer-state-mutation-at-trace-time]
        self.total.assign_add(tf.reduce_sum(x))
        return self._helper(x)

    def _helper(self, x):
        self.outputs.append(x)  # [outer-state-mutation-at-trace-time]
        return x


# ---- negatives ----------------------------------------------------------


def capture_shapes():
    box = [None]

    @tf.function
    def wrapped(x):
        box[0] = x.shape  # the closure "box" idiom: a deliberate capture while tracing
        return x

    return wrapped, box


@tf.function
def local_accumulation(xs):
    parts = []
    for i in range(3):
        parts.append(xs[i] * 2)
    table = {}
    table["a"] = xs
    return tf.stack(parts)


@tf.function
def tensor_array(xs):
    ta = tf.TensorArray(tf.float32, size=3)
    for i in tf.range(3):
        ta = ta.write(i, xs[i])
    return ta.stack()


@tf.function
def reads_config(x, acc):
    acc.append(x)  # a parameter: the caller's object, type unknown
    return x * CONFIG["lr"]


def eager_record(x):
    history.append(x)
    global counter
    counter += 1


class Layer(tf.keras.layers.Layer):
    def call(self, inputs):  # traced by Keras (issue 14), but a tensor stashed on self is the layer idiom
        self.add_loss(tf.reduce_sum(inputs))
        self.outputs_seen = inputs
        return inputs


@tf.function
def assigns_python_values(x):
    global last
    last = "done"  # not a tensor
    return x


# ---- wider-corpus false positive (docs/precision.md) ----------------------


def blocked_tensors(ops):
    # traced helper (shap's DeepExplainer): 'blocked' is made afresh on every run, inside the trace
    blocked = []

    def recurse(op):
        blocked.append(op)
        for child in op.outputs:
            recurse(child)

    for op in ops:
        recurse(op)
    return blocked


def untraced_factory():
    collected = []

    def collect(x):
        collected.append(x)  # [outer-state-mutation-at-trace-time]

    @tf.function
    def traced(x):
        collect(x)
        return blocked_tensors([x.op])

    return traced, collected
