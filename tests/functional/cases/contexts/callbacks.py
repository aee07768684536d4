"""Callbacks of TF control flow (traced when their caller is), vectorized_map, tf.function(obj.method)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import functools

import tensorflow as tf


def positive(x):
    print("positive")  # [print-at-trace-time]
    return x


def negative(x):
    print("negative")  # [print-at-trace-time]
    return -x


def scale(x, k):
    print("scale")  # [print-at-trace-time]
    return x * k


def eager_element(x):
    print("element", x)
    return x * 2


def per_batch(x):
    print("vectorized")  # [print-at-trace-time]
    return x * 2


@tf.function
def traced(x):
    y = tf.case([(x > 0, lambda: positive(x))], default=lambda: negative(x))
    return tf.map_fn(functools.partial(scale, k=2.0), y)


def eager(x):
    y = tf.map_fn(eager_element, x)  # eager tf.map_fn runs its function eagerly per element
    return tf.vectorized_map(per_batch, y)  # vectorized_map traces even when called eagerly


class Stepper:
    def __init__(self):
        self.step = tf.function(self._step)
        self.calls = 0

    def _step(self, x):
        self.calls += 1  # [python-state-update-at-trace-time]
        return x + 1

    def run(self, x):
        print("eager run")
        return self.step(x)


class Worker:
    def work(self, x):
        print("work")  # [print-at-trace-time]
        return x


worker = Worker()
compiled_work = tf.function(worker.work)


class CustomFit(tf.keras.Model):
    def make_train_function(self, force=False):
        def train_function(iterator):
            data = next(iterator)
            print("train_function")  # [print-at-trace-time]
            return self.train_step(data)

        self.train_function = tf.function(train_function, reduce_retracing=True)
        return self.train_function

    def make_test_function(self, force=False):
        def test_function(iterator):
            print("eager test_function")  # returned without tf.function: Keras runs it as it is
            return self.test_step(next(iterator))

        return test_function
