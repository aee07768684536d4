"""Rebinding forms of trace-time state updates and leaks (issue 15, recall item 5)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,global-statement
import tensorflow as tf

calls = 0


class Config:
    last = None


CONFIG = Config()


@tf.function
def count(x):
    global calls
    calls = calls + 1  # [python-state-update-at-trace-time]
    return x + calls


@tf.function
def remember(x):
    CONFIG.last = tf.reduce_sum(x)  # [leaked-tensor-at-trace-time]
    CONFIG.parts = tf.unstack(x)  # [leaked-tensor-at-trace-time]
    return x


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.steps = 0

    @tf.function
    def __call__(self, x):
        self.steps = self.steps + 1  # [python-state-update-at-trace-time]
        return x


def make_counter():
    total = 0

    @tf.function
    def bump(x):
        nonlocal total
        total = 1 + total  # [python-state-update-at-trace-time]
        return x

    return bump


# ---- negatives ----------------------------------------------------------
@tf.function
def local_only(x):
    n = 0
    n = n + 1
    CONFIG_COPY = Config()
    CONFIG_COPY.last = x
    return x * n


@tf.function
def python_value_on_config(x):
    CONFIG.last = 3
    return x


def eager_update(x):
    global calls
    calls = calls + 1
    CONFIG.last = tf.reduce_sum(x)
