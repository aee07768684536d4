"""Project wrappers (issue 27): a helper returning tf.function(...) of its argument makes what it wraps
a hybrid, with the helper's settings; a helper that may return the function unwrapped does not."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import functools

import tensorflow as tf


def compiled(fn, jit=False):
    step = tf.function(fn, jit_compile=jit)
    return step


def partially(fn):
    return tf.function(functools.partial(fn, scale=2.0))


def maybe_compiled(fn, eager):
    if eager:
        return fn
    return tf.function(fn)


def plain_step(x):
    print("plain", x)  # [print-at-trace-time]
    return x


def scaled_step(x, scale=1.0):
    print("scaled", x)  # [print-at-trace-time]
    return x * scale


def eager_step(x):
    print("eager", x)
    return x


@compiled
def decorated_step(x):
    print("decorated", x)  # [print-at-trace-time]
    return x


class Synthesizer:
    def __init__(self, signature):
        self.generate = self._wrap(self._generate, signature)
        self.vocode = self._wrap(self._vocode, [tf.TensorSpec([None], tf.float32)])

    def _wrap(self, function, signature):
        return tf.function(input_signature=signature)(function)

    def _generate(self, x):
        print("generate", x)  # [print-at-trace-time]
        return x

    def _vocode(self, x):
        print("vocode", x)  # [print-at-trace-time]
        return x

    def _unwrapped(self, x):
        print("eager", x)
        return x


run = compiled(plain_step)
run_scaled = partially(scaled_step)
run_eager = maybe_compiled(eager_step, True)
