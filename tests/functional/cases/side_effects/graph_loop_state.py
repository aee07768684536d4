"""Python object state carried through a graph loop (issue 27): an attribute updated by a helper that a
tf.range loop of traced code calls is not a loop variable; each iteration starts from its value at
trace time (a diffusion sampler: eager 0.125, traced 1.0)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import tensorflow as tf


class Context:
    def __init__(self):
        self.estimate = 2.0

    def refine(self):
        self.estimate = self.estimate * 0.5  # [python-state-update-at-trace-time]


class Untouched:
    def __init__(self):
        self.estimate = 2.0

    def refine(self):
        self.estimate = self.estimate * 0.5  # never traced


@tf.function
def sample(n, ctx: Context):
    for _ in tf.range(n):
        ctx.refine()
    return ctx.estimate


class Sampler(tf.Module):
    def __init__(self):
        super().__init__()
        self.value = 2.0
        self.helper = Context()

    def _step(self):
        self.value = self.value * 0.5  # [python-state-update-at-trace-time]

    @tf.function
    def run(self, n):
        for _ in tf.range(n):
            self._step()
            self.helper.refine()
        return self.value


def eager_sample(n, ctx: Untouched):
    for _ in range(n):
        ctx.refine()
    return ctx.estimate
