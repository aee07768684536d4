"""A task overriding the base's steps (tf-models' mobilebert distillation): the base class's
callers (a trainer, traced) run the override too, and the only loop calling it is in a test file,
which runs code eagerly on purpose and is no evidence of a production loop (issue 30)."""
# pylint: disable=missing-function-docstring,missing-class-docstring
import tensorflow as tf

from opptasks import base_task


class DistillationTask(base_task.Task):
    def train_step(self, inputs, model, optimizer):  # overrides Task.train_step: its callers are unseen
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(inputs, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    def validation_step(self, inputs, model):
        return tf.reduce_mean(model(inputs, training=False))


class Evaluator:
    def evaluate_step(self, inputs, model):  # called in a loop of a test file only
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(inputs, training=True))
        return tape.gradient(loss, model.trainable_variables)


def run(task, model, optimizer, dataset):
    for inputs in dataset:
        task.train_step(inputs, model, optimizer)
        task.validation_step(inputs, model)


def drive(model, optimizer, dataset):
    task = DistillationTask()
    for inputs in dataset:
        task.train_step(inputs, model, optimizer)


class LocalTrainer:
    def step(self, inputs, model, optimizer):  # [tf-function-opportunity]
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(inputs, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss


def drive_locally(model, optimizer, dataset):
    trainer = LocalTrainer()
    for inputs in dataset:
        trainer.step(inputs, model, optimizer)
