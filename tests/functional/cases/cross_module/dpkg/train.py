"""A driver that never imports TensorFlow: it imports a project module with hybrids, so it is modelled."""
# pylint: disable=missing-function-docstring
from dpkg.model import step
from dpkg import model


def run(x):
    for i in range(10):
        x = step(x, i)  # [python-scalar-retracing]
        x = model.step(x, i)  # [python-scalar-retracing]
    return x


def steady(x):
    for _ in range(10):
        x = step(x, 2)
    return x
