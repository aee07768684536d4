"""Variables and Keras objects created in traced code."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import keras
import tensorflow as tf
from tensorflow import Variable


@tf.function
def make_variable(x):
    v = tf.Variable(1.0)  # [variable-created-in-traced-code]
    w = tf.compat.v1.Variable(2.0)  # [variable-created-in-traced-code]
    u = Variable(3.0)  # [variable-created-in-traced-code]
    return x * v * w * u


def helper_creates(x):
    return tf.Variable(x)  # [variable-created-in-traced-code]


@tf.function
def calls_helper(x):
    return helper_creates(x)


@tf.function
def builds_layers(x):
    dense = tf.keras.layers.Dense(3)  # [keras-object-created-in-traced-code]
    model = keras.Sequential([keras.layers.Dense(1)])  # [keras-object-created-in-traced-code, keras-object-created-in-traced-code]
    opt = keras.optimizers.Adam(0.1)  # [keras-object-created-in-traced-code]
    return model(dense(x)), opt


# ---- negatives ----------------------------------------------------------


class Lazy(tf.Module):
    def __init__(self):
        super().__init__()
        self.v = None
        self.w = tf.Variable(1.0)
        self.dense = keras.layers.Dense(3)

    @tf.function
    def __call__(self, x):
        if self.v is None:
            self.v = tf.Variable(tf.ones_like(x))
        if not hasattr(self, "u"):
            self.u = tf.Variable(0.0)
        self.w.assign_add(1.0)
        return self.dense(x) * self.v


class Layer(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = tf.Variable(tf.zeros([input_shape[-1], 3]))

    @tf.function
    def call(self, inputs):
        if not self.built:
            self.build(inputs.shape)
        return tf.matmul(inputs, self.kernel)


@tf.function
def lifted(x):
    with tf.init_scope():
        counter = tf.Variable(0)
    return x + tf.cast(counter, x.dtype)


@tf.function
def type_check(x):
    return isinstance(x, tf.Variable), tf.keras.layers.Layer


def eager_creation():
    return tf.Variable(1.0), keras.layers.Dense(3), keras.activations.relu


# ---- one hybrid, several optimizers ---------------------------------------

net = keras.Sequential([keras.layers.Dense(1)])
adam = keras.optimizers.Adam(0.1)
sgd = keras.optimizers.SGD(0.1)
rms = keras.optimizers.RMSprop(0.1)
rms.build(net.trainable_variables)


@tf.function
def train_step(model, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


batch = tf.ones([2, 3])
train_step(net, adam, batch)
train_step(net, adam, batch)
train_step(net, sgd, batch)  # [hybrid-shared-across-optimizers]
train_step(net, rms, batch)  # built before: fine
