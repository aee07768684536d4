"""The test of the distillation task: its loop runs the steps eagerly on purpose."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

from opptasks.distill import DistillationTask, Evaluator


def check_steps(model, dataset):  # not named test_*: pytest would collect it
    task = DistillationTask()
    evaluator = Evaluator()
    optimizer = tf.keras.optimizers.SGD(0.1)
    for inputs in dataset:
        task.train_step(inputs, model, optimizer)
        task.validation_step(inputs, model)
        evaluator.evaluate_step(inputs, model)
