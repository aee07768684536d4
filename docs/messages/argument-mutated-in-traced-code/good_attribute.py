import tensorflow as tf


class Accumulator:
    def __init__(self):
        self.items = []
        self.step = self._wrap(self._step)

    def _wrap(self, fn):
        return tf.function(fn)

    def _step(self, x, acc):
        acc = list(acc)  # a copy
        acc.append(x)
        return x, acc

    def go(self, x):
        result, self.items = self.step(x, self.items)
        return result


if __name__ == "__main__":
    from _evidence import ok

    accumulator = Accumulator()
    accumulator.go(tf.constant(1.0))
    assert len(accumulator.items) == 1
    ok("the wrapped _step works on a copy and returns it: no error, one item kept")
