"""Recursion through methods and objects, with and without a visible base case (issue 27)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import tensorflow as tf


class Tree:
    def depth(self, x):
        return self.depth(x - 1) + 1  # [recursion-in-graph]

    @tf.function
    def run(self, x):
        return self.depth(x)


class Halver:
    def halve(self, t):
        if t < 1.0:
            return t
        return self.halve(t / 2.0)  # [recursion-in-graph]

    @tf.function
    def run(self):
        return self.halve(tf.constant(8.0))


def ping(x):
    return pong(x)  # [recursion-in-graph]


def pong(x):
    y = x * 2
    return ping(y)


@tf.function
def endless(x):
    return ping(x)


class Walker:
    def __init__(self):
        self.counter = Counter()

    @tf.function
    def go(self, x):
        return self.counter.count(x, 3)


class Counter:
    def count(self, x, n):
        if n == 0:  # a Python base case: unrolled while tracing
            return x
        return self.count(x, n - 1)


def helper_a(x, n):
    return helper_b(x, n - 1)


def helper_b(x, n):
    if n <= 0:
        return x
    return helper_a(x * 2, n)


@tf.function
def through_helpers(x, n):
    return helper_a(x, n)  # arguments of unknown kind, a base case: silent
