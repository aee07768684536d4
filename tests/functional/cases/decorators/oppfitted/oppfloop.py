"""A loop calling the step directly."""
# pylint: disable=missing-function-docstring
from oppfmodel import Fitted

model = Fitted()


def main(dataset):
    for inputs, targets in dataset:
        model.train_step([inputs, targets])
