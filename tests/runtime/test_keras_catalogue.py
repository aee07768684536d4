"""The Keras catalogue (``pylint_hybridize/model/catalogue/keras_classes.py``) judged by TensorFlow.

A sample of classes (Dropout, GaussianNoise, Dense, Flatten, StackedRNNCells, BatchNormalization, a loss, a
metric, an optimizer) is measured again under Keras 3 and under tf_keras, each in a subprocess
(``keras_sample_probes.py``, written independently of the generator), and the checked-in records must agree.
The same subprocess also runs the generator's worker on the sample: on the versions the catalogue records, it
must give exactly the checked-in records (the full regeneration takes minutes: ``python
scripts/gen_keras_catalogue.py``).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize.model.catalogue import keras_classes

pytestmark = pytest.mark.runtime

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SAMPLE = [
    "keras.layers.Dropout", "keras.layers.GaussianNoise", "keras.layers.Dense", "keras.layers.Flatten",
    "keras.layers.StackedRNNCells", "keras.layers.BatchNormalization", "keras.losses.BinaryCrossentropy",
    "keras.metrics.AUC", "keras.optimizers.Adam",
]  # fmt: skip
FLAVOURS = ["3", "2"]


@functools.cache
def _probes(flavour: str) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="",
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))  # fmt: skip
    env.pop("TF_USE_LEGACY_KERAS", None)
    if flavour == "2":
        env["TF_USE_LEGACY_KERAS"] = "1"
    result = subprocess.run([sys.executable, str(HERE / "keras_sample_probes.py"), flavour], capture_output=True,
                            text=True, env=env, cwd=REPO, check=False, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_measured_facts_keras_3():
    """What the catalogue exists for, measured directly (tf-runtime-facts: 'Dropout(...) created inside traced
    code ... Keras 3 creates a variable in the constructor; Flatten() / StackedRNNCells create none')."""
    measured = _probes("3")["measured"]
    dropout = measured["keras.layers.Dropout"]
    assert dropout["constructor"] == ["seed_generator_state"]
    assert dropout["traced_construction"]["type"] == "ValueError"
    assert "singleton" in dropout["traced_construction"]["message"]
    assert dropout["arguments"]["rate"]["type"] == "OperatorNotAllowedInGraphError"  # Dropout(tf.Variable) in graph
    for weightless in ("keras.layers.Flatten", "keras.layers.StackedRNNCells"):
        assert measured[weightless]["constructor"] == [] and measured[weightless]["traced_construction"] is None


def test_the_measured_facts_tf_keras():
    measured = _probes("2")["measured"]
    assert measured["keras.layers.Dropout"]["constructor"] == []  # no SeedGenerator in tf_keras
    assert measured["keras.layers.Dropout"]["arguments"]["rate"] is None  # a tf.Variable rate works there
    assert measured["keras.metrics.AUC"]["traced_construction"]["type"] == "ValueError"  # metrics: add_weight


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("qualified", SAMPLE)
def test_catalogue_agrees_with_tensorflow(flavour, qualified):
    measured = _probes(flavour)["measured"][qualified]
    assert measured["baseline_in_tf_function"] is None, "the sample's use must work in a tf.function"
    assert keras_classes.constructor_variables(qualified, flavour) == tuple(measured["constructor"])
    assert keras_classes.fails_when_constructed_in_traced_code(qualified, flavour) is (
        measured["traced_construction"] is not None
    )
    assert keras_classes.call_variables(qualified, flavour) == tuple(measured["first_use"])
    for argument, failure in measured["arguments"].items():
        expected = "tensor_ok" if failure is None else "python_only"
        assert keras_classes.argument_verdict(qualified, argument, flavour) == expected, (argument, failure)


def _installed_versions_are_recorded(flavour: str, versions: dict) -> bool:
    recorded = keras_classes.VERSIONS[flavour]
    return all(versions.get(k) == recorded.get(k) for k in ("tensorflow", "keras", "tf_keras"))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_generator_writes_the_checked_in_records(flavour):
    generated = _probes(flavour)["generator"]
    if not _installed_versions_are_recorded(flavour, generated["versions"]):
        pytest.skip(f"catalogue measured on {keras_classes.VERSIONS[flavour]}, installed {generated['versions']}: "
                    "regenerate with python scripts/gen_keras_catalogue.py")  # fmt: skip
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from gen_keras_catalogue import record_literal  # pylint: disable=import-outside-toplevel
    finally:
        sys.path.remove(str(REPO / "scripts"))
    assert sorted(generated["classes"]) == sorted(SAMPLE)
    for qualified, record in generated["classes"].items():
        assert record_literal(record) == keras_classes.record(qualified, flavour), qualified
