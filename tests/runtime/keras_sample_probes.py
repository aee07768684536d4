"""Re-measure a sample of Keras classes, independently of ``scripts/gen_keras_catalogue.py``.

    python tests/runtime/keras_sample_probes.py 3|2    # Keras 3 / tf_keras (set TF_USE_LEGACY_KERAS=1 for 2)

Prints one JSON line: for every sample class, the tf.Variables its constructor creates, what constructing it
inside a tf.function raises, the variables its first use creates, and, for a few numeric/bool constructor
arguments, whether a tf.Variable holding the same value works when the object is used in a tf.function.
Then (``generator``) the generator's own records of the same classes, from the same process, so that the
test can compare the checked-in module with what the script would write on the installed versions.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
FLAVOUR = sys.argv[1]
REPO = Path(__file__).resolve().parent.parent.parent

import tensorflow as tf  # noqa: E402

if FLAVOUR == "2":
    import tf_keras as keras  # noqa: E402
else:
    import keras  # noqa: E402

tf.get_logger().setLevel("ERROR")
tf.autograph.set_verbosity(0)

X = tf.reshape(tf.range(8, dtype=tf.float32) / 8.0, (2, 4))
ONE_HOT = tf.one_hot([0, 1, 2, 1], 3)
PROBABILITIES = tf.nn.softmax(tf.reshape(tf.range(12, dtype=tf.float32) / 12.0, (4, 3)))


def _layer(training):
    def use(layer, _inputs):
        return layer(X, training=True) if training else layer(X)

    return use


def _cell(cell, _inputs):
    return cell(X, [], training=True)


def _loss(loss, _inputs):
    return loss(ONE_HOT, PROBABILITIES)


def _metric(metric, _inputs):
    metric.update_state(ONE_HOT, PROBABILITIES)
    return metric.result()


def _weights():
    return tf.Variable([1.0, 2.0], name="w")


def _optimizer(optimizer, w):
    return optimizer.apply_gradients([(tf.constant([0.1, 0.2]), w)])


def _none():
    return None


# qualified name -> (constructor keywords, use(obj, inputs), make inputs eagerly, {argument: its Python value})
SAMPLE = {
    "keras.layers.Dropout": ({"rate": 0.5}, _layer(True), _none, {"rate": 0.5}),
    "keras.layers.GaussianNoise": ({"stddev": 0.1}, _layer(True), _none, {"stddev": 0.1}),
    "keras.layers.Dense": ({"units": 4}, _layer(True), _none, {"units": 4, "use_bias": True}),
    "keras.layers.Flatten": ({}, _layer(False), _none, {}),
    "keras.layers.StackedRNNCells": ({"cells": []}, _cell, _none, {}),
    "keras.layers.BatchNormalization": ({}, _layer(True), _none, {"momentum": 0.99, "center": True}),
    "keras.losses.BinaryCrossentropy": ({}, _loss, _none, {"from_logits": False}),
    "keras.metrics.AUC": ({}, _metric, _none, {"from_logits": False}),
    "keras.optimizers.Adam": ({}, _optimizer, _weights, {"beta_1": 0.9, "amsgrad": False}),
}


def _class(qualified):
    _keras, module, name = qualified.split(".")
    return getattr(getattr(keras, module), name)


def _created(action):
    """(result, names of the tf.Variables ``action()`` created, each once)."""
    names = []

    def creator(next_creator, **kwargs):
        names.append(str(kwargs.get("name")))
        return next_creator(**kwargs)

    with tf.variable_creator_scope(creator):
        result = action()
    return result, list(dict.fromkeys(names))


def _error(error):
    return {"type": type(error).__name__, "message": str(error)[:2000]}


def _used_in_tf_function(obj, use, inputs):
    def once():
        use(obj, inputs)
        return tf.constant(0)

    try:
        tf.function(once)()
    except Exception as error:  # noqa: BLE001 - the verdict
        return _error(error)
    return None


def measure(qualified):
    cls = _class(qualified)
    keywords, use, make, arguments = SAMPLE[qualified]
    _obj, constructor = _created(lambda: cls(**keywords))

    def construct():
        cls(**keywords)
        return tf.constant(0)

    try:
        tf.function(construct)()
        traced = None
    except Exception as error:  # noqa: BLE001
        traced = _error(error)
    obj, inputs = cls(**keywords), make()
    _result, first_use = _created(lambda: use(obj, inputs))
    baseline = _used_in_tf_function(cls(**keywords), use, make())
    verdicts = {}
    for name, value in arguments.items():
        dtype = {bool: tf.bool, int: tf.int32, float: tf.float32}[type(value)]
        try:
            swapped = cls(**{**keywords, name: tf.Variable(value, dtype=dtype)})
        except Exception as error:  # noqa: BLE001
            verdicts[name] = {"phase": "constructor", **_error(error)}
            continue
        failure = _used_in_tf_function(swapped, use, make())
        verdicts[name] = None if failure is None else {"phase": "traced use", **failure}
    return {"constructor": constructor, "traced_construction": traced, "first_use": first_use,
            "baseline_in_tf_function": baseline, "arguments": verdicts}  # fmt: skip


def generator_records():
    spec = importlib.util.spec_from_file_location("gen_keras_catalogue", REPO / "scripts" / "gen_keras_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Worker(FLAVOUR).run(list(SAMPLE))


if __name__ == "__main__":
    measured = {qualified: measure(qualified) for qualified in SAMPLE}
    print(json.dumps({"measured": measured, "generator": generator_records()}, sort_keys=True))
