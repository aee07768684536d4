"""A Keras model whose decorated train_step another module calls eagerly (issue 26: the tutorial's
CustomTraining, whose custom loop lives in train.py): the decorator is what makes it a graph."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import keras
import tensorflow as tf


class CustomTraining(keras.Model):
    @tf.function
    def train_step(self, inputs):
        return super().train_step(inputs)


@tf.function
def _normalize(x):
    return x / tf.reduce_max(x)


@tf.function
def augment(x):
    return _normalize(x) * 2  # _normalize is also imported and called eagerly by train.py
