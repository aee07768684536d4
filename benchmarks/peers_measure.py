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

    build_by_run()
    arguments_without_call()
    small_metric_per_call()


def build_by_run() -> None:
    """Session 36: which Keras 3 layers run ``call`` symbolically before their first real call (a build
    by run), seen through a run-once cache in ``call`` (model/execution/keras_build.py)."""
    import keras  # pylint: disable=import-outside-toplevel
    import tensorflow as tf  # pylint: disable=import-outside-toplevel

    def cache_of(make_value):
        def call(self, inputs):
            if self.cached is None:
                self.cached = make_value(self, inputs)
            return self.cached
        return call

    def layer(name, sublayers=None, own_build=False, value=lambda self, x: x * 3.0, sets_built=False):
        def __init__(self):
            keras.layers.Layer.__init__(self)
            for attribute, make in (sublayers or {}).items():
                setattr(self, attribute, make())
            self.cached = None
            if sets_built:
                self.built = True

        body = {"__init__": __init__, "call": cache_of(value)}
        if own_build:
            def build(self, input_shape):
                self.w = self.add_weight(name="w", shape=[2, 2], initializer="ones")
            body["build"] = build
        return type(name, (keras.layers.Layer,), body)

    matmul = lambda self, x: tf.matmul(x, self.w)  # noqa: E731
    own = layer("OwnBuild", own_build=True, value=matmul)

    def holder():
        def __init__(self):
            keras.Model.__init__(self)
            self.layer = own()
        return type("Holder", (keras.Model,), {"__init__": __init__, "call": lambda self, x: self.layer(x)})

    cases = {
        "a build() of its own, called alone": own,
        "no build(), a Dense sublayer": layer("WithDense", {"dense": lambda: keras.layers.Dense(2)},
                                             value=lambda self, x: self.dense(x)),
        "no build(), a Dense sublayer, a cached tf.ones([2])": layer(
            "WithOnes", {"dense": lambda: keras.layers.Dense(2)}, value=lambda self, x: tf.ones([2])),
        "no build(), no sublayer": layer("Plain"),
        "no build(), Activation and Dropout sublayers": layer(
            "Stateless", {"act": lambda: keras.layers.Activation("relu"), "drop": lambda: keras.layers.Dropout(0.1)},
            value=lambda self, x: self.act(x) * 2.0),
        "no build(), a Dense sublayer, self.built = True in __init__": layer(
            "SetsBuilt", {"dense": lambda: keras.layers.Dense(2)}, value=lambda self, x: self.dense(x), sets_built=True),
        "a model without build() holding the layer with its own build()": holder(),
    }
    for label, make in cases.items():
        result = make()(tf.ones([2, 2]))
        try:
            float(tf.reduce_sum(result + 1.0))
            used = "the first eager call cached an EagerTensor (no build by run)"
        except TypeError as error:
            used = f"TypeError ({'out of scope' if 'out of scope' in str(error) else str(error)[:60]}): a build by run"
        print(f"run-once cache in call, {label}: {used}")
    built = {name: getattr(keras.layers, name)(*args).built for name, args in
             (("Activation", ("relu",)), ("Dropout", (0.1,)), ("ReLU", ()), ("Flatten", ()), ("Dense", (2,)))}
    print("built at construction:", built)


def arguments_without_call() -> None:
    """Session 36: SQ sideEffectInTfFunction 58 / 69 / 74, a parameter changed in place, by what is passed."""
    import numpy as np  # pylint: disable=import-outside-toplevel
    import tensorflow as tf  # pylint: disable=import-outside-toplevel

    @tf.function
    def set_item(my_list):
        my_list[4] = 42

    @tf.function
    def append(my_list):
        my_list.append("42")

    class Buffer:
        def __init__(self):
            self.items, self.log = [], {}

        def append(self, item):
            self.items.append(item)

        def __setitem__(self, key, value):
            self.log[key] = value

    class Names(list):
        pass

    for function in (set_item, append):
        outcomes = []
        for argument in (tf.zeros([5]), np.zeros(5), tf.Variable(tf.zeros([5])), [0] * 5, Names([0] * 5)):
            try:
                function(argument)
                outcomes.append(f"{type(argument).__name__}: ran")
            except Exception as error:  # pylint: disable=broad-except
                outcomes.append(f"{type(argument).__name__}: {type(error).__name__}")
        buffer = Buffer()
        for _ in range(3):
            function(buffer)
        outcomes.append(f"a user object, 3 calls: changed {len(buffer.items) + len(buffer.log)} time(s)")
        print(f"{function.__name__} on a parameter:", "; ".join(outcomes))



def small_metric_per_call(rounds: int = 5, calls: int = 2000) -> None:
    """Session 36: HFR testNeuralNetwork ``accuracy`` (argmax, equal, two casts, reduce_mean on a 256 x 10
    batch), the peer's P1 "convert to hybrid": CPU time per call eager and as a tf.function, interleaved
    rounds, medians (the machine may be loaded: the ratio is what counts), and the first call's trace."""
    import statistics  # pylint: disable=import-outside-toplevel
    import time  # pylint: disable=import-outside-toplevel

    import tensorflow as tf  # pylint: disable=import-outside-toplevel

    def accuracy(y_pred, y_true):
        correct = tf.equal(tf.argmax(y_pred, 1), tf.cast(y_true, tf.int64))
        return tf.reduce_mean(tf.cast(correct, tf.float32), axis=-1)

    predictions = tf.random.uniform([256, 10])
    labels = tf.random.uniform([256], maxval=10, dtype=tf.int32)
    hybrid = tf.function(accuracy)
    start = time.process_time()
    hybrid(predictions, labels)
    trace_ms = (time.process_time() - start) * 1e3
    per_call = {"eager": [], "tf.function": []}
    for _ in range(rounds):
        for label, function in (("eager", accuracy), ("tf.function", hybrid)):
            start = time.process_time()
            for _ in range(calls):
                function(predictions, labels)
            per_call[label].append((time.process_time() - start) / calls * 1e6)
    eager, graph = (statistics.median(per_call[k]) for k in ("eager", "tf.function"))
    print(f"a 5-op accuracy metric per call (CPU, median of {rounds}): eager {eager:.0f} us, tf.function "
          f"{graph:.0f} us (x{graph / eager:.2f}); first call traces in {trace_ms:.1f} ms")


if __name__ == "__main__":
    main()
