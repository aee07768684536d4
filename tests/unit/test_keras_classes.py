"""The measured Keras catalogue (``model/catalogue/keras_classes.py``): its reader API, its shape, its keys, and that it is
exactly what ``scripts/gen_keras_catalogue.py`` renders from its own data (no TensorFlow here: the measurements
themselves are checked by ``tests/runtime/test_keras_catalogue.py``)."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import astroid
import pytest

from pylint_hybridize.model import names
from pylint_hybridize.model.catalogue import keras_classes

REPO = Path(__file__).resolve().parent.parent.parent
MODULE = REPO / "pylint_hybridize" / "model" / "catalogue" / "keras_classes.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_keras_catalogue", REPO / "scripts" / "gen_keras_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_constructor_variables():
    assert keras_classes.constructor_variables("keras.layers.Dropout") == ("seed_generator_state",)
    assert keras_classes.constructor_variables("keras.layers.Dropout", keras="2") == ()
    assert keras_classes.constructor_variables("keras.layers.Flatten") == ()
    assert keras_classes.constructor_variables("keras.layers.StackedRNNCells") == ()
    assert keras_classes.constructor_variables("keras.metrics.Mean") == ("total", "count")
    assert keras_classes.constructor_variables("keras.optimizers.Adam", keras="2") == ("iteration", "learning_rate")
    assert keras_classes.fails_when_constructed_in_traced_code("keras.layers.Dropout") is True
    assert keras_classes.fails_when_constructed_in_traced_code("keras.layers.Flatten") is False


def test_unknown_is_none():
    assert keras_classes.constructor_variables("keras.layers.NoSuchLayer") is None
    assert keras_classes.constructor_variables("keras.layers.TFSMLayer") is None  # needs a SavedModel on disk
    assert keras_classes.creates_variables_on_call("keras.losses.Loss") is None  # abstract: no generic use
    assert keras_classes.python_only_arguments("keras.layers.NoSuchLayer") is None
    assert keras_classes.argument_verdict("keras.layers.Dropout", "no_such_argument") is None
    assert keras_classes.fails_when_constructed_in_traced_code("keras.layers.NoSuchLayer") is None
    assert keras_classes.parameters("keras.layers.NoSuchLayer") is None


def test_first_use():
    assert keras_classes.creates_variables_on_call("keras.layers.Dense") is True
    assert keras_classes.call_variables("keras.layers.Dense") == ("kernel", "bias")
    assert keras_classes.creates_variables_on_call("keras.layers.Flatten") is False
    assert keras_classes.creates_variables_on_call("keras.layers.Dropout") is False  # its variable is made earlier


def test_python_only_arguments():
    assert keras_classes.python_only_arguments("keras.layers.Dropout") == ("rate",)
    assert keras_classes.python_only_arguments("keras.layers.Dropout", keras="2") == ()
    assert keras_classes.argument_verdict("keras.layers.Dropout", "rate") == "python_only"
    assert keras_classes.argument_verdict("keras.layers.Dropout", "rate", keras="2") == "tensor_ok"
    assert "from_logits" in keras_classes.python_only_arguments("keras.losses.BinaryCrossentropy")


def test_aliases_and_parameters():
    assert keras_classes.record("keras.layers.Convolution2D") is keras_classes.record("keras.layers.Conv2D")
    assert keras_classes.parameters("keras.layers.Dense")[:3] == ("units", "activation", "use_bias")
    with pytest.raises(ValueError):
        keras_classes.record("keras.layers.Dense", keras="1")


def test_versions_are_recorded():
    assert keras_classes.VERSIONS["3"]["tensorflow"] and keras_classes.VERSIONS["3"]["keras"].startswith("3.")
    assert keras_classes.VERSIONS["2"]["tf_keras"].startswith("2.")
    assert keras_classes.MEASURED_ON[:2] == "20" and keras_classes.COMMAND.startswith("python scripts/")


@pytest.mark.parametrize("flavour", ["3", "2"])
def test_every_record_is_well_formed(flavour):
    table, aliases = keras_classes._TABLES[flavour]  # pylint: disable=protected-access
    assert len(table) > 150
    keys = {"parameters", "constructed_as", "constructor_variables", "traced_construction", "probe",
            "call_variables", "arguments", "note"}  # fmt: skip
    for qualified, record in table.items():
        module, name = qualified.rsplit(".", 1)
        assert module in ("keras.layers", "keras.losses", "keras.metrics", "keras.optimizers"), qualified
        assert name[:1].isupper(), qualified
        assert set(record) == keys, qualified
        made = record["constructor_variables"]
        assert made is None or all(isinstance(name, str) for name in made), qualified
        if record["constructor_variables"] is None or record["call_variables"] is None:
            assert record["note"], f"{qualified}: unknown without a note"
        if record["constructor_variables"] is not None:  # a constructor variable is what makes TF raise in traced code
            assert bool(record["constructor_variables"]) == (record["traced_construction"] != "ok"), qualified
        for argument, (verdict, evidence) in record["arguments"].items():
            assert argument in record["parameters"], (qualified, argument)
            assert verdict in ("python_only", "tensor_ok", "unknown") and evidence, (qualified, argument)
    assert all(target in table for target in aliases.values())


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\ntf.keras.layers.Dropout",
        "from tensorflow.keras import layers\nlayers.Dropout",
        "import keras\nkeras.layers.Dropout",
        "import tf_keras\ntf_keras.layers.Dropout",
    ],
)
def test_keys_are_what_names_resolve_to(source):
    expression = astroid.parse(source).body[-1].value
    assert keras_classes.record(names.qualified_name(expression)) is not None


def test_module_is_self_contained():
    """No TensorFlow, no other model module: it moves into model/catalogue/ as it is."""
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    imported = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [getattr(n, "module", None) for n in imported] == ["__future__"]


def test_module_is_what_the_script_renders():
    generator = _generator()
    assert generator.render(*generator.checked_in()) == MODULE.read_text(encoding="utf-8"), (
        "keras_classes.py differs from what scripts/gen_keras_catalogue.py writes: regenerate it, do not edit it"
    )
