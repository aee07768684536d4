"""The base of the tasks (tf-models' base_task.Task): its trainer calls ``self.task.train_step`` under
``strategy.run`` in a tf.function, through a receiver no call site here shows (issue 30)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,unused-argument
import tensorflow as tf


class Task(tf.Module):
    def train_step(self, inputs, model, optimizer):
        return model(inputs)

    def validation_step(self, inputs, model):
        return model(inputs)
