"""train_step / test_step / predict_step of Keras models: traced by fit / evaluate / predict."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import random

import keras
import tensorflow as tf
import tf_keras
from tensorflow.keras import Model as TFModel


class Plain(keras.Model):
    def __init__(self):
        super().__init__()
        self.steps = 0

    def train_step(self, data):
        print("train", data)  # [print-at-trace-time]
        self.steps += 1  # [python-state-update-at-trace-time]
        return self.log_loss(data)

    def log_loss(self, data):
        print("loss")  # [print-at-trace-time]
        return data

    def test_step(self, data):
        noise = random.random()  # [frozen-value-at-trace-time]
        return data * noise

    def predict_step(self, data):
        return data.numpy()  # [tensor-numpy-in-graph]


class ProjectBase(tf.keras.Model):
    """A project base class between the user's model and keras.Model."""


class Derived(ProjectBase):
    def train_step(self, data):
        print(data)  # [print-at-trace-time]
        return data


class FromImport(TFModel):
    def train_step(self, data):
        print(data)  # [print-at-trace-time]
        return data


class Legacy(tf_keras.Model):
    def train_step(self, data):
        weight = tf.Variable(1.0)  # [variable-created-in-traced-code]
        return data * weight


class Debugged(keras.Model):
    """Compiled with run_eagerly=True in this module: fit runs train_step eagerly."""

    def train_step(self, data):
        print(data)
        return data


def debug_run(x, y):
    model = Debugged()
    model.compile(optimizer="sgd", loss="mse", run_eagerly=True)
    model.fit(x, y)


class NotKeras:
    def train_step(self, data):
        print(data)
        return data


class Trainer(NotKeras):
    def predict_step(self, data):
        print(data)
        return data


class Counted(keras.Model):
    def train_step(self, data):
        self.calls = getattr(self, "calls", 0) + 1
        print("step")
        return data


class EagerCounted(Counted):
    pass


def debug_counted_fit(x):
    model = EagerCounted()
    model.compile(loss="mse", run_eagerly=True)  # a subclass instance compiled eagerly runs Counted.train_step
    model.fit(x, x)
