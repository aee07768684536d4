"""redundant-tf-function speaks only when removing the decorator provably changes nothing (issue 26):
every caller traced (aliases, fit overrides), no scope at the call, no option, no concrete function."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import keras
import tensorflow as tf


@tf.function
def _double(x):  # [redundant-tf-function]
    return x * 2


@tf.function
def outer(x):
    return _double(x) + 1


# ---- negatives: each obligation the model cannot prove keeps it silent -----------------------


class OwnLoop(keras.Model):
    """Overrides fit with its own Python loop (gpt-2): Keras never traces train_step."""

    @tf.function
    def train_step(self, data):
        return super().train_step(data)

    def fit(self, dataset):  # pylint: disable=arguments-differ
        step = getattr(self, "train" + "_step")  # a call the model cannot follow: the override decides
        for batch in dataset:
            step(batch)


class Aliased(keras.Model):
    """Calls its step through an alias, eagerly (gpt-2's get_train_test_function)."""

    @tf.function
    def test_step(self, data):
        return super().test_step(data)

    def steps(self):
        step = self.test_step
        return step


class Exported(keras.Model):
    """Retrieves a concrete function: the decorator is observable."""

    @tf.function
    def predict_step(self, data):
        return super().predict_step(data)


exported = Exported().predict_step.get_concrete_function(tf.TensorSpec([None, 2]))


@tf.function
def _on_device(x):
    return x * 3


@tf.function
def infer(x):
    with tf.device("/CPU:0"):  # one call op placed on that device: the nested function is the point
        return _on_device(x)


@tf.function
def _recorded(x):  # [redundant-tf-function]
    return x * x


@tf.function
def grads(x):
    with tf.GradientTape() as tape:  # a tape records the inlined body the same way
        tape.watch(x)
        y = _recorded(x)
    return tape.gradient(y, x)


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def _signed(x):
    return x + 1


@tf.function(reduce_retracing=True)
def _relaxed(x):
    return x - 1


@tf.function(jit_compile=True)
def _compiled(x):
    return x / 2


@tf.function
def uses_options(x):
    return _signed(x) + _relaxed(x) + _compiled(x)


@tf.function
def _concrete(x):
    return x + 2


@tf.function
def uses_concrete(x):
    return _concrete(x)


CONCRETE = _concrete.get_concrete_function(tf.TensorSpec([None]))
