"""Recursion, generators, try/except around ops, unrolled range loops."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf
from tensorflow import errors

STEPS = 5000


@tf.function
def factorial(n):
    if n <= 1:
        return tf.constant(1)
    return n * factorial(n - 1)  # [recursion-in-graph]


def walk_a(t, depth):
    if depth == 0:
        return t
    return walk_b(tf.identity(t), depth - 1)  # [recursion-in-graph]


def walk_b(t, depth):
    return walk_a(t * 2, depth)  # t may be anything here: reported on walk_a's call


@tf.function
def mutual(x):
    return walk_a(x, 3)


def flatten(structure):
    if isinstance(structure, (list, tuple)):
        return [leaf for part in structure for leaf in flatten(part)]  # Python recursion: fine
    return [structure]


@tf.function
def uses_flatten(xs):
    return tf.add_n(flatten(xs))


@tf.function
def generator(n):
    for i in range(n):
        yield i  # [generator-hybrid]


def python_generator(n):
    yield from range(n)  # a traced helper generator runs at trace time: fine


@tf.function
def uses_generator(x):
    return tf.add_n([x * i for i in python_generator(3)])


@tf.function
def catches(x):
    try:  # [graph-error-not-caught]
        y = tf.linalg.inv(x)
    except tf.errors.InvalidArgumentError:
        y = tf.zeros_like(x)
    try:  # [graph-error-not-caught]
        z = tf.math.floordiv(tf.cast(x, tf.int32), 0)
    except (ZeroDivisionError, errors.OpError):
        z = 0
    try:  # trace-time errors (ValueError) are caught: fine
        w = tf.reshape(x, [4])
    except ValueError:
        w = x
    try:  # no TF op in the body: fine
        path = tf.io.gfile.exists("/tmp/x")
    except tf.errors.NotFoundError:
        path = False
    try:  # tf.load_op_library loads the library in Python, while tracing: its error is caught
        tf.load_op_library("/nonexistent/_ops.so")
    except tf.errors.NotFoundError:
        pass
    return y, z, w, path


def eager_catches(x):
    try:
        return tf.linalg.inv(x)
    except tf.errors.InvalidArgumentError:
        return x


@tf.function
def unrolled(x):
    for _ in range(5000):  # [python-range-unrolled]
        x = tf.add(x * 0.5, 1.0)
    for _ in range(STEPS):  # [python-range-unrolled]
        x = tf.sin(x)
    for _ in range(10, 2010):  # [python-range-unrolled]
        x = tf.nn.relu(x) + 1.0
    for _ in range(999):  # below the threshold: unrolling is fine (and faster per call)
        x = tf.multiply(x, 0.5)
    count = 0
    for _ in range(5000):  # no TF op in the body
        count += 1
    for i in tf.range(5000):  # the fix
        x = x + tf.cast(i, tf.float32)
    return x + count


@tf.function
def unrolled_default(x, steps=2000):
    for _ in range(steps):  # [python-range-unrolled]
        x = tf.add(x, 1.0)
    return x


def eager_loop(x):
    for _ in range(5000):
        x = x + 1.0
    return x


def minimize(steps, jit_compile=False):
    if jit_compile:

        @tf.function(jit_compile=True)
        def run_jitted():
            return minimize(steps, jit_compile=False)  # re-enters once with a Python flag: fine

        return run_jitted()
    return tf.zeros([steps])


@tf.function
def unrolled_by_caller(x, steps):
    for _ in range(steps):  # [python-range-unrolled]
        x = tf.add(x, 1.0)
    return x


@tf.function
def small_by_caller(x, steps):
    for _ in range(steps):  # every call site passes a small literal
        x = tf.add(x, 1.0)
    return x


def run():
    unrolled_by_caller(tf.constant(0.0), 3000)
    small_by_caller(tf.constant(0.0), steps=10)
    return unrolled_by_caller(tf.constant(0.0), steps=5)
