"""A project module named ``tensorflow`` beside the scripts of its folder: Python puts a script's
folder first on ``sys.path``, so ``import tensorflow`` in ``fake_tf_user.py`` loads this file, not
TensorFlow. Its ``function`` is a plain decorator."""


def function(func=None, **_options):
    if func is None:
        return lambda f: f
    return func


def constant(value):
    return value


class Variable:
    def __init__(self, value):
        self.value = value
