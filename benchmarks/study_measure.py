"""Measure, under the installed TensorFlow / Keras, the verdicts of benchmarks/study.txt that rest on what TF does.

    python benchmarks/study_measure.py

Each check is a minimal program of our own with the shape of the project's code (nothing of the projects is
copied) and prints what TF does. docs/precision.md ("Study fix commits (session 36)") quotes the output;
study.txt cites it for S252 (expected), S355 (tensor-python-control-flow right), S252 (keras-argument-needs-python
right) and S467 (keras-object-created-in-traced-code wrong).
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _outcome(run) -> str:
    try:
        run()
    except Exception as error:  # pylint: disable=broad-exception-caught
        text = " ".join(str(error).split())
        for phrase in ("tf.function only supports", "Iterating over a symbolic", "using a `tf.Tensor`", "Argument `learning_rate`"):
            if phrase in text:  # the sentence that says why, not the traceback before it
                text = text[text.index(phrase):]
                break
        return f"{type(error).__name__}: {text[:150]}"
    return "ok"


def main() -> None:  # pylint: disable=too-many-locals
    import keras  # pylint: disable=import-outside-toplevel
    import tensorflow as tf  # pylint: disable=import-outside-toplevel
    from keras import layers  # pylint: disable=import-outside-toplevel

    print(f"TensorFlow {tf.__version__}, Keras {keras.__version__}")

    # S252 (thesis, discriminator_network.py): a new optimizer per _train call, passed to one tf.function step
    model = keras.Sequential([keras.Input((3,)), layers.Dense(1)])

    @tf.function
    def train_step(x, optimizer):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(x))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    for stint in range(2):
        optimizer = keras.optimizers.Adam(learning_rate=0.01)
        print(f"S252 stint {stint} with a new Adam:",
              _outcome(lambda opt=optimizer: [train_step(tf.ones((2, 3)), opt) for _ in range(2)]))

    # S252 (both trees): Adam's learning rate given as a tf.Variable (the TF 2.1 way to change it)
    print("S252 Adam(learning_rate=tf.Variable(0.0)):",
          _outcome(lambda: keras.optimizers.Adam(learning_rate=tf.Variable(tf.constant(0, dtype=tf.float32)))))

    # S355 (psiz CoreLayer.call): Python for over tf.range and if on a tensor in a Layer.call
    class Core(layers.Layer):
        def call(self, x):  # pylint: disable=arguments-differ
            total = tf.zeros([tf.shape(x)[0]])
            for i in tf.range(3):
                total = total + tf.reduce_sum(x, axis=1) * tf.cast(i, tf.float32)
            if tf.reduce_sum(total) > tf.constant(0.0):
                total = total + 1.0
            return total

    core = Core()

    @tf.function
    def eval_step(x):
        return core(x)

    print("S355 Layer.call with a tensor for/if, called in a tf.function:", _outcome(lambda: eval_step(tf.ones((2, 4)))))
    print("S355 the same layer called eagerly:", _outcome(lambda: core(tf.ones((2, 4)))))

    # S467 (rl-tf2 ddpg.py): a subclassed model whose call builds a BatchNormalization on every call, wrapped in a
    # functional model and called eagerly (the parent never fits it nor calls it from a tf.function)
    calls = []

    class Actor(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(4)

        def call(self, x):  # pylint: disable=arguments-differ
            calls.append(type(x).__name__)
            return layers.BatchNormalization()(self.dense(x))

    state_in = layers.Input(shape=(3,))
    actor = keras.Model(inputs=state_in, outputs=Actor()(state_in))
    print("S467 functional build: call() ran on", calls)

    def eager_steps():
        adam = keras.optimizers.Adam()
        for _ in range(3):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(actor(tf.ones((2, 3))))
            adam.apply_gradients(zip(tape.gradient(loss, actor.trainable_variables), actor.trainable_variables))

    print("S467 three eager GradientTape steps:", _outcome(eager_steps), "- weights tracked:", len(actor.weights))

    @tf.function
    def traced_step(x):
        return actor(x)

    print("S467 the same model called from a tf.function (what the fix's step would do):",
          _outcome(lambda: traced_step(tf.ones((2, 3)))))


def session36_study2() -> None:  # pylint: disable=too-many-locals
    """S251 (a tf.function freezes a Python float attribute the epoch loop decays; two bool flags
    retrace at most twice each, and stay right) and S360 (a tf.function closure made per call of
    ``fit`` and called in fit's loop: one trace per call of fit; what the trace costs against eager
    steps)."""
    import time  # pylint: disable=import-outside-toplevel

    import keras  # pylint: disable=import-outside-toplevel
    import tensorflow as tf  # pylint: disable=import-outside-toplevel

    class Decaying:
        def __init__(self):
            self.alpha = 1.0

        @tf.function
        def step(self, x):
            return x * self.alpha

    trainer, seen = Decaying(), []
    for _ in range(3):
        seen.append(float(trainer.step(tf.constant(1.0))))
        trainer.alpha = max(0.0, trainer.alpha - 0.5)
    print("S251 self.alpha decayed 1.0, 0.5, 0.0 between calls; the tf.function computes with", seen,
          "- traces:", trainer.step.experimental_get_tracing_count())

    @tf.function
    def flagged(x, compute_auxiliary=False, training=True):
        y = x * 2.0
        if compute_auxiliary:
            y = y + 1.0
        if training:
            y = y * 3.0
        return y

    def eager(auxiliary, training):
        return (2.0 + (1.0 if auxiliary else 0.0)) * (3.0 if training else 1.0)

    right = all(float(flagged(tf.constant(1.0), compute_auxiliary=a, training=t)) == eager(a, t)
                for _ in range(10) for a in (False, True) for t in (False, True))
    print("S251 two bool flags, 40 calls over the 4 combinations: traces", flagged.experimental_get_tracing_count(),
          "- every result the eager one:", right)

    import numpy as np  # pylint: disable=import-outside-toplevel

    @tf.function
    def one_flag(x, training=True):
        return x * (3.0 if training else 1.0)

    for args, kwargs in (((), {}), ((True,), {}), ((), {"training": True}), ((False,), {})):
        one_flag(tf.constant(1.0), *args, **kwargs)
    shared = one_flag.experimental_get_tracing_count()
    one_flag(tf.constant(1.0), np.bool_(True))
    print("S251 one flag: default, positional True, keyword True, False: traces", shared,
          "; then np.bool_(True):", one_flag.experimental_get_tracing_count())

    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16), keras.layers.Dense(1)])
    optimizer = keras.optimizers.Adam()

    def fit(batches, decorate):
        def train_step(x):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(model(x) ** 2)
            optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
            return loss

        step = tf.function(train_step) if decorate else train_step
        for _ in range(batches):
            step(tf.ones((4, 8)))
        return step.experimental_get_tracing_count() if decorate else 0

    print("S360 a tf.function closure per call of fit: fit of 12 batches traces", fit(12, True),
          "; a second fit traces", fit(12, True), "more")
    for batches in (1, 10, 100):
        costs = {}
        for decorate in (False, True):
            fit(2, decorate)  # warm up
            start = time.process_time()
            for _ in range(3):
                fit(batches, decorate)
            costs[decorate] = (time.process_time() - start) / 3
        print(f"S360 one fit of {batches} batches, CPU s: eager {costs[False]:.3f}, decorated closure "
              f"{costs[True]:.3f} (trace included)")


if __name__ == "__main__":
    main()
    session36_study2()
