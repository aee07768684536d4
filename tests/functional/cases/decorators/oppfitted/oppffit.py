"""Another script of the folder runs ``fit`` on the model: Keras traces ``train_step`` there."""
# pylint: disable=missing-function-docstring
from oppfmodel import Fitted


def main(dataset):
    model = Fitted()
    model.compile(optimizer="adam", loss="mse")
    model.fit(dataset, epochs=2)
