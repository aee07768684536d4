"""Keras layers whose ``call`` uses ``training`` as a Python value: a tensor there (``training =
tf.logical_and(training, self.trainable)``, the widely copied "freeze BN" subclass) raises
``OperatorNotAllowedInGraphError`` when the layer runs in traced code, through ``layer(x, training=t)`` and
``layer.call(x, training=t)`` alike. Measured under TF 2.21 / Keras 3.15.1 and tf_keras 2.21 by
``tests/runtime/test_keras_training.py`` (which re-measures every row): tf_keras accepts a tensor there for
every class below, so the table is Keras 3's. Self-contained: no TensorFlow, no other model module.
"""

from __future__ import annotations

MEASURED_ON = "2026-12-07"
VERSIONS = {"tensorflow": "2.21.0", "keras": "3.15.1", "tf_keras": "2.21.0"}

PYTHON_TRAINING_3 = frozenset({
    "keras.layers.BatchNormalization",
    "keras.layers.Dropout",
    "keras.layers.SpatialDropout1D",
    "keras.layers.GaussianNoise",
    "keras.layers.GaussianDropout",
    "keras.layers.AlphaDropout",
})  # fmt: skip
"""Keras 3 classes measured to raise with a tensor ``training`` (``LayerNormalization``, ``Dense``: no)."""


def training_must_be_python(qualified: str | None, keras: str = "3") -> bool:
    """``qualified``'s ``call`` needs a Python (or None) ``training`` under that Keras (``"3"`` / ``"2"``)."""
    return keras == "3" and qualified in PYTHON_TRAINING_3
