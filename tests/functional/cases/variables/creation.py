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


# ---- wider-corpus false positives (docs/precision.md) ---------------------


class Generator(keras.Model):
    @tf.function
    def generate(self, latents):
        # weightless layers: no variable, TF does not raise (nobrainer's progressive GAN)
        x = keras.layers.Lambda(lambda t: t * 2)(latents)
        x = tf.keras.layers.Reshape([-1])(x)
        x = keras.layers.Activation("tanh")(x)
        x = keras.layers.MaxPooling2D()(tf.reshape(x, [1, 2, 2, 1]))
        return keras.layers.Concatenate()([x, x])


@tf.function
def weighted(x):
    return keras.layers.Dropout(0.5)(x)  # [keras-object-created-in-traced-code]


class DPModel(keras.Model):
    def __init__(self):
        super().__init__()
        self._clipping_loss = None

    def _make_clipping_loss(self):
        # only called under the first-call guard below (tensorflow-privacy's DP model)
        self._clipping_loss = keras.metrics.Mean(name="loss")

    @tf.function
    def train_step(self, data):  # [redundant-tf-function]
        if self._clipping_loss is None:
            self._make_clipping_loss()
        self._clipping_loss.update_state(data)
        return data


class Unguarded(keras.Model):
    def _make_metric(self):
        return keras.metrics.Mean()  # [keras-object-created-in-traced-code]

    @tf.function
    def train_step(self, data):  # [redundant-tf-function]
        metric = self._make_metric()
        return metric(data)


@tf.function
def server_update(global_model):
    # variables made under tf.init_scope() by a lambda handed to map_structure (TFF)
    with tf.init_scope():
        model_variables = tf.nest.map_structure(lambda t: tf.Variable(tf.zeros(t.shape, t.dtype)), global_model)
    tf.nest.map_structure(lambda a, b: a.assign(b), model_variables, global_model)
    return model_variables


@tf.function
def mapped_outside_init_scope(weights):
    return tf.nest.map_structure(lambda t: tf.Variable(t), weights)  # [variable-created-in-traced-code]
