"""A project base model in one module of the package."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import tensorflow as tf


class BaseModel(tf.keras.Model):
    def summary_line(self):
        return self.name
