"""A script beside drv_model.py that never imports TensorFlow: it is modelled through its import."""
# pylint: disable=missing-function-docstring
from drv_model import drv_step


def run(x):
    for i in range(10):
        x = drv_step(x, i)  # [python-scalar-retracing]
    return x
