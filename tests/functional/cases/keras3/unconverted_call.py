"""Keras 3 (no tf_keras, TF_USE_LEGACY_KERAS or keras<3 in the project) runs Layer.call and the steps
without autograph: Python control flow and conversions on tensors fail there; the traps stay silent."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
# pylint: disable=unused-argument,unused-variable
import keras
import tensorflow as tf


def first_dim(x):
    return int(tf.shape(x)[0])  # [tensor-python-control-flow]


def static_first_dim(x):
    return x.shape[0]


class Gate(keras.layers.Layer):
    def __init__(self, use_scale=True):
        super().__init__()
        self.use_scale = use_scale
        self.blocks = [keras.layers.Dense(4)]

    def call(self, x, training=None, mask=None):
        if tf.reduce_sum(x) > 0:  # [tensor-python-control-flow]
            x = x * 2.0
        while tf.reduce_max(x) > 10.0:  # [tensor-python-control-flow]
            x = x / 2.0
        n = first_dim(x) + static_first_dim(x)
        if tf.shape(x)[1] > 1:  # [tensor-python-control-flow]
            x = x + 1.0
        rank = len(tf.shape(x))  # [tensor-python-control-flow]
        scale = float(tf.reduce_mean(x))  # [tensor-python-control-flow]
        y = x if tf.reduce_any(x > 0) else -x  # [tensor-python-control-flow]
        positive = tf.reduce_all(x > 0) and self.use_scale  # [tensor-python-control-flow]
        negative = not tf.reduce_any(x > 0)  # [tensor-python-control-flow]
        for i in range(tf.shape(x)[0]):  # [tensor-python-control-flow]
            pass
        rows = [row for row in tf.unstack(x)]
        # the traps: Python attributes, training / mask as Keras passes them, static shapes, layers, None tests
        if self.use_scale:
            x = x * 1.0
        if training:
            x = x + 0.0
        if mask is not None:
            x = x * 1.0
        if x.shape[-1] > 3 and len(x.shape) == 2:
            x = x + 0.0
        for block in self.blocks:
            x = block(x)
        for layer in self._layers:
            x = layer(x)
        return x


class Pair(keras.layers.Layer):
    def call(self, inputs):
        # Keras may pass a list: its length, iteration and truth value are Python's
        if len(inputs) == 2:
            first, second = inputs
            return first + second
        for tensor in inputs:
            pass
        return inputs


class FreezeBN(keras.layers.BatchNormalization):
    def call(self, x, training=False):
        training = tf.logical_and(training, self.trainable)
        if training:  # [tensor-python-control-flow]
            return x
        return super().call(x, training=training)  # [keras-argument-needs-python]


class Trainer(keras.Model):
    def train_step(self, data):
        x, y = data
        loss = tf.reduce_mean(tf.square(self(x) - y))
        if loss > 10.0:  # [tensor-python-control-flow]
            loss = loss / 10.0
        return {"loss": loss}


class Direct(keras.layers.Layer):
    """Its call is also called directly from a tf.function: autograph converts that call, unknown here."""

    def call(self, x):
        if tf.reduce_sum(x) > 0:
            return x
        return -x


@tf.function
def run_direct(layer: Direct, x):
    return layer.call(x)


def augment(image):
    if tf.reduce_mean(image) > 0.5:
        image = image - 0.5
    return image


dataset = tf.data.Dataset.from_tensor_slices(tf.zeros([4, 2])).map(augment)


@tf.function
def converted(x):
    if tf.reduce_sum(x) > 0:
        x = -x
    table = tf.zeros([3, 2])
    rows = [row * 2.0 for row in table]  # [tensor-python-control-flow]
    return n_rows(x)


def n_rows(x):
    return len(x)


@tf.function
def eager_only(x):
    if tf.executing_eagerly():
        return int(tf.reduce_sum(x))
    return x


class Unroll(keras.layers.Layer):
    """tf_agents' DynamicUnroll: a static size when there is one, else the dynamic one."""

    def call(self, inputs):
        iterations = tf.compat.dimension_value(inputs.shape[0])
        iterations = iterations or tf.shape(inputs)[0]
        if not tf.is_tensor(iterations) and iterations == 1:
            return inputs
        return inputs * 2.0


class Graph(keras.layers.Layer):
    """spektral's MessagePassing: the inputs list handed on to a helper."""

    def call(self, inputs):
        x, a = self.get_inputs(inputs)
        adjacency = [tf.cast(adj, tf.int32) for adj in inputs[2:]]  # deepchem: a slice of the inputs list
        return x

    @staticmethod
    def get_inputs(inputs):
        if len(inputs) == 3:
            x, a, _ = inputs
        else:
            x, a = inputs
        return x, a
