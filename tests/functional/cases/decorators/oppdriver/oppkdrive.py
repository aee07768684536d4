"""The driver script of oppkmodel.py: its own loop, no Keras loop."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

from oppkmodel import CustomTraining, OneStep, grad

model = CustomTraining()
model.compile(optimizer=tf.keras.optimizers.Adam(), loss=tf.keras.losses.MeanSquaredError())
one_step = OneStep(model)


def main(dataset, start):
    for inputs, targets in dataset:
        model.train_step([inputs, targets])
        grad(model, inputs, targets)
    chars, states = start, None
    for _ in range(10):
        chars, states = one_step.generate_one_step(chars, states=states)
    return chars
