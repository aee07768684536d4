"""Measure, under the installed TensorFlow / Keras, the peer labels benchmarks/peers.txt calls wrong (or right).

    python benchmarks/peers_measure.py

Each check is a minimal program of our own with the shape of the peer's labelled code (nothing of the peers
is copied) and prints what TF does. docs/precision.md ("Peer tools' labelled programs, session 35") quotes the
output; peers.txt cites it for every ``peer-wrong`` label and for the measured ``expected`` ones.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main() -> None:  # pylint: disable=too-many-locals,too-many-statements
    import keras  # pylint: disable=import-outside-toplevel
    import tensorflow as tf  # pylint: disable=import-outside-toplevel

    print(f"TensorFlow {tf.__version__}, Keras {keras.__version__}")

    # SQ sideEffectInTfFunction 19: a global declaration and no write
    @tf.function
    def declares_only():
        global NEVER_BOUND  # pylint: disable=global-variable-undefined
        return tf.constant(1)

    for _ in range(3):
        declares_only()
    print("global declaration without a write: 3 calls ran; the name is bound afterwards:", "NEVER_BOUND" in globals())

    # SQ sideEffectInTfFunction 40/43/46: containers made and changed inside the function
    @tf.function
    def local_containers(x):
        items = [1, 2]
        items.append(3)
        seen = {1}
        seen.add(2)
        table = {"a": 1}
        table.clear()
        return x + len(items) + len(seen) + len(table)

    results = [int(local_containers(tf.constant(i))) for i in range(3)]
    print("local list/set/dict changed in a tf.function: results", results,
          "traces", local_containers.experimental_get_tracing_count())

    # SQ sideEffectInTfFunction 52: del of a parameter
    @tf.function
    def deletes_parameter(x, unused):
        del unused
        return x * 2

    results = [int(deletes_parameter(tf.constant(i), tf.constant(0))) for i in range(3)]
    print("del of a parameter: results", results, "traces", deletes_parameter.experimental_get_tracing_count())

    # SQ sideEffectInTfFunction 26: nonlocal in a module-level def
    try:
        compile("def top():\n    nonlocal outer\n", "<module-level def>", "exec")
        print("nonlocal in a module-level def: compiles")
    except SyntaxError as error:
        print("nonlocal in a module-level def: SyntaxError:", error.msg)

    # HFR testPythonSideEffects40: next() on the same Python iterator passed in three calls
    @tf.function
    def take(x, items):
        return x + next(items)

    items = iter([1.0, 2.0, 3.0])
    results = [float(take(tf.constant(0.0), items)) for _ in range(3)]
    print("next() on a shared Python iterator argument: results", results,
          "traces", take.experimental_get_tracing_count(), "left", list(items))

    # HFR testPythonSideEffects67 / 69: a sublayer storing its result on self, in a model called eagerly
    class Stash(keras.layers.Layer):
        def __init__(self, guarded):
            super().__init__()
            self.guarded = guarded
            self.kept = None
            self.runs = 0

        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(input_shape[-1], 2))

        def call(self, inputs):
            self.runs += 1
            if not self.guarded or self.kept is None:
                self.kept = tf.matmul(inputs, self.w)
            return self.kept

    class Wrapper(keras.Model):
        def __init__(self, guarded):
            super().__init__()
            self.inner = Stash(guarded)

        def call(self, inputs):
            return self.inner(inputs)

    for guarded in (False, True):
        model = Wrapper(guarded)
        result = model(tf.ones((2, 2)))
        try:
            used = f"using it works: {(result + 1).shape}"
        except TypeError as error:
            used = f"using it raises TypeError ({str(error)[-60:]})"
        print(f"sublayer stash{' under is None' if guarded else ' on every call'}: call ran {model.inner.runs} times,"
              f" the eager call returned a {type(result).__name__}; {used}")


if __name__ == "__main__":
    main()
