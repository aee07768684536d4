"""A module that defines its own print(): no message, it is not the builtin."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


def print(*args):  # pylint: disable=redefined-builtin
    return args


@tf.function
def calls_shadowed_print(x):
    print(x)  # the module's own print(), not the builtin (still traced: not our rule)
    return x
