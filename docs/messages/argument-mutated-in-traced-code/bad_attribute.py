import tensorflow as tf


class Accumulator:
    def __init__(self):
        self.items = []
        self.step = self._wrap(self._step)  # the project's own wrapper returns tf.function(fn)

    def _wrap(self, fn):
        return tf.function(fn)

    def _step(self, x, acc):
        acc.append(x)  # [argument-mutated-in-traced-code]
        return x

    def go(self, x):
        return self.step(x, self.items)


if __name__ == "__main__":
    from _evidence import symptom

    try:
        Accumulator().go(tf.constant(1.0))
    except ValueError as error:
        assert "should not modify its Python input arguments" in str(error), str(error)
        symptom("self.items passed to the wrapped _step, which appends to it: ValueError (should not modify its Python input arguments)")
    else:
        raise AssertionError("expected TF to refuse the mutation of the list argument")
