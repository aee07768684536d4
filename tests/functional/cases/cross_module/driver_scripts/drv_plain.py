"""A script that imports a sibling module without hybrids or TensorFlow: not modelled, no finding."""
# pylint: disable=missing-function-docstring
from drv_util import scale


def run(x):
    for i in range(10):
        x = scale(x, i)
    return x
