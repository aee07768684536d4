"""@tf.function where Keras, tf.data or a traced caller traces the function anyway."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import keras
import tensorflow as tf


class Model(keras.Model):
    @tf.function
    def train_step(self, data):  # [redundant-tf-function]
        return super().train_step(data)

    @tf.function(jit_compile=True)
    def test_step(self, data):
        return super().test_step(data)

    @tf.function
    def call(self, x):
        return x


class EagerModel(keras.Model):
    @tf.function
    def train_step(self, data):
        return super().train_step(data)


def debug():
    model = EagerModel()
    model.compile(optimizer="sgd", loss="mse", run_eagerly=True)


@tf.function
def _scale(x):  # [redundant-tf-function]
    return x * 2


@tf.function
def _shift(x):
    return x + 1


def pipeline(paths):
    ds = tf.data.Dataset.from_tensor_slices(paths).map(_scale)
    return ds.map(_shift), _shift(tf.constant(1.0))


class Agent:
    def __init__(self):
        self.train = tf.function(self._train)

    @tf.function(reduce_retracing=True)
    def _loss(self, x):  # an option is observable (issue 26): silent
        return tf.reduce_sum(x)

    @tf.function
    def _per_example(self, x):  # [redundant-tf-function]
        return x * 2

    def _train(self, x):
        y = tf.map_fn(self._per_example, x)
        return self._loss(y)

    @tf.function
    def _update(self, x):  # [redundant-tf-function]
        return x

    @tf.function
    def _eager_too(self, x):
        return x

    @tf.function
    def step(self, x):
        self._eager_too(x)
        return self._update(x)

    def run(self, x):
        return self._eager_too(x)


class Wrapped:
    def __init__(self):
        self.step = tf.function(self._step)

    @tf.function
    def _step(self, x):  # [redundant-tf-function]
        return x


def _jvp(x):
    @tf.function
    def inner(b):  # _jvp is also called eagerly (by coordinatewise): the decorator matters there
        return b * x

    return inner(x)


def coordinatewise(x):
    return _jvp(x)


def batched(xs):
    def per_row(b):
        return _jvp(b)

    return tf.vectorized_map(per_row, xs)


class Attention(keras.layers.Layer):
    def call(self, x):
        return _attend(x)  # Layer.call may run eagerly (a direct call): the decorator below matters then


@tf.function
def _attend(x):
    return tf.nn.softmax(x)
