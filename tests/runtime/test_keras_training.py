"""Re-measures ``catalogue.keras_training``: under Keras 3 a tensor ``training`` makes every listed layer
raise in a tf.function (LayerNormalization and Dense, not listed, take it), and under tf_keras none does."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pylint_hybridize.model.catalogue.keras_training import PYTHON_TRAINING_3

PROBE = r'''
import sys
import tensorflow as tf
if sys.argv[1] == "2":
    import tf_keras as keras
else:
    import keras
for name in sys.argv[2:]:
    cls = getattr(keras.layers, name)
    layer = cls(0.5) if "Dropout" in name or "Noise" in name else cls(2) if name == "Dense" else cls()
    x = tf.ones([2, 3, 4])
    layer(x)
    try:
        tf.function(lambda x, t: layer(x, training=tf.logical_and(t, True)))(x, tf.constant(True))
        print(name, "ok")
    except Exception as error:  # pylint: disable=broad-except
        print(name, type(error).__name__)
'''


def _measure(keras: str, names: list[str]) -> dict[str, str]:
    result = subprocess.run([sys.executable, "-c", PROBE, keras, *names], capture_output=True, text=True,
                            timeout=600, check=True, env={"TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": "",
                                                          "PATH": ""})  # fmt: skip
    return dict(line.split(" ", 1) for line in result.stdout.splitlines() if line.strip())


@pytest.mark.runtime
def test_keras3_needs_python_training():
    names = sorted(q.rsplit(".", 1)[1] for q in PYTHON_TRAINING_3)
    measured = _measure("3", [*names, "LayerNormalization", "Dense"])
    assert all(measured[name] == "OperatorNotAllowedInGraphError" for name in names), measured
    assert measured["LayerNormalization"] == measured["Dense"] == "ok", measured


@pytest.mark.runtime
def test_tf_keras_takes_tensor_training():
    names = sorted(q.rsplit(".", 1)[1] for q in PYTHON_TRAINING_3)
    measured = _measure("2", names)
    assert all(value == "ok" for value in measured.values()) and len(measured) == len(names), measured
