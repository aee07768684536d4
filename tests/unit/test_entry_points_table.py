"""The table of library entry points that trace a callable (``model/catalogue/entry_points.py``): reader API and shape.
TensorFlow checks the claims themselves in ``tests/runtime/test_entry_points.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import astroid
import pytest

from pylint_hybridize.model import names
from pylint_hybridize.model.catalogue import entry_points

MODULE = Path(entry_points.__file__)


def test_lookups_by_keyword_and_position():
    assert entry_points.when_traced("tensorflow.data.Dataset.map", position=0) == "always"
    assert entry_points.when_traced("tensorflow.map_fn", keyword="fn") == "when_caller_traced"
    assert entry_points.when_traced("tensorflow.py_function", position=0) == "never"
    assert entry_points.when_traced("tensorflow.while_loop", position=1) == "when_caller_traced"
    assert entry_points.traced_argument("tensorflow.while_loop", keyword="body")[1] == 1
    assert entry_points.autograph("tensorflow.data.Dataset.map", position=0) == "as_caller"
    assert entry_points.autograph("tensorflow.vectorized_map", keyword="fn") == "not_converted"
    assert entry_points.autograph("tensorflow.data.Dataset.group_by_window", keyword="key_func") == "not_converted"
    assert entry_points.autograph("tensorflow.data.Dataset.group_by_window", keyword="reduce_func") == "as_caller"


def test_unknown_is_none():
    assert entry_points.entry_point("tensorflow.reduce_sum") is None
    assert entry_points.entry_point(None) is None
    assert entry_points.when_traced("tensorflow.map_fn", keyword="elems") is None
    assert entry_points.when_traced("tensorflow.map_fn", position=1) is None
    assert entry_points.autograph("tensorflow.py_function", position=0) is None  # never traced


def test_eager_islands_and_branches():
    assert entry_points.is_eager_island("tensorflow.py_function")
    assert entry_points.is_eager_island("tensorflow.numpy_function")
    assert entry_points.is_eager_island("keras.callbacks.LambdaCallback")
    assert not entry_points.is_eager_island("tensorflow.map_fn") and not entry_points.is_eager_island("nope")
    assert entry_points.traces_every_branch("tensorflow.cond")
    assert not entry_points.traces_every_branch("tensorflow.map_fn")


def test_methods_of_a_receiver():
    dataset = entry_points.methods_of("tensorflow.data.Dataset")
    assert {"map", "filter", "flat_map", "interleave", "reduce", "scan", "take_while"} <= set(dataset)
    assert "from_generator" not in dataset  # a static constructor, not a method of a dataset
    assert set(entry_points.methods_of("tensorflow.distribute.Strategy")) == {"run"}


def test_every_row_is_well_formed():
    whens = {entry_points.ALWAYS, entry_points.WHEN_CALLER_TRACED, entry_points.NEVER}
    autographs = {entry_points.CONVERTED, entry_points.AS_CALLER, entry_points.NOT_CONVERTED}
    for qualified, row in entry_points.ENTRY_POINTS.items():
        assert set(row) <= {"receiver", "arguments", "note", "traces_every_branch"}, qualified
        assert row["receiver"] is None or qualified.startswith(row["receiver"] + "."), qualified
        assert row["arguments"], qualified
        for keyword, position, form, when, autograph in row["arguments"]:
            assert keyword.isidentifier() and (position is None or position >= 0), qualified
            assert form in ("callable", "pairs", "callables", "hooks"), qualified
            assert when in whens, qualified
            assert (autograph is None) == (when == entry_points.NEVER), qualified
            assert autograph is None or autograph in autographs, qualified
    assert entry_points.VERSIONS["tensorflow"].startswith("2.") and entry_points.MEASURED_ON[:2] == "20"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import tensorflow as tf\ntf.map_fn", "tensorflow.map_fn"),
        ("import tensorflow as tf\ntf.compat.v1.py_func", "tensorflow.py_func"),
        ("import tensorflow as tf\ntf.compat.v1.wrap_function", "tensorflow.wrap_function"),
        ("from tensorflow import keras\nkeras.layers.Lambda", "keras.layers.Lambda"),
        ("import tensorflow as tf\ntf.keras.callbacks.LambdaCallback", "keras.callbacks.LambdaCallback"),
        ("import tensorflow as tf\ntf.data.experimental.scan", "tensorflow.data.experimental.scan"),
    ],
)
def test_keys_are_what_names_resolve_to(source, expected):
    assert names.qualified_name(astroid.parse(source).body[-1].value) == expected
    assert entry_points.entry_point(expected) is not None


def test_module_is_self_contained():
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    imported = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert [getattr(n, "module", None) for n in imported] == ["__future__"]
