"""Keras and tf.data contexts (issue 14): which functions TF traces without a tf.function."""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.execution.contexts import is_dataset
from pylint_hybridize.model.hybrids.keras import keras_kind
from pylint_hybridize.model.values.static import is_static_value


def _contexts(source: str) -> dict[str, str]:
    module = astroid.parse(source, module_name="ctx_case")
    model = TraceModel.for_module(module)
    return {context.name: context.tracer for context in model.contexts}


def _receiver(source: str) -> nodes.NodeNG:
    """The receiver of the last ``.map(...)`` call in ``source``."""
    module = astroid.parse(source)
    calls = [c for c in module.nodes_of_class(nodes.Call) if isinstance(c.func, nodes.Attribute) and c.func.attrname == "map"]
    return calls[-1].func.expr


@pytest.mark.parametrize(
    "imports, base",
    [
        ("import keras", "keras.Model"),
        ("import tensorflow as tf", "tf.keras.Model"),
        ("import tensorflow as tf", "tf.keras.models.Model"),
        ("import tf_keras", "tf_keras.Model"),
        ("from tensorflow.keras import Model", "Model"),
        ("from tensorflow import keras", "keras.Sequential"),
        ("from keras import models", "models.Model"),
    ],
)
def test_train_step_under_every_spelling(imports, base):
    source = f"{imports}\nclass M({base}):\n    def train_step(self, data):\n        return data\n"
    assert _contexts(source) == {"M.train_step": "Keras Model.fit"}


def test_steps_and_call_through_a_project_base_class():
    source = (
        "import tensorflow as tf\n"
        "class Base(tf.keras.Model):\n    pass\n"
        "class Mid(Base):\n    pass\n"
        "class M(Mid):\n"
        "    def train_step(self, d): return d\n"
        "    def test_step(self, d): return d\n"
        "    def predict_step(self, d): return d\n"
        "    def call(self, x): return x\n"
        "    def helper(self, x): return x\n"
    )
    assert _contexts(source) == {
        "M.train_step": "Keras Model.fit",
        "M.test_step": "Keras Model.evaluate",
        "M.predict_step": "Keras Model.predict",
        "M.call": "Keras",
    }


def test_layers_get_call_only_and_non_keras_classes_nothing():
    source = (
        "import tensorflow as tf\n"
        "class L(tf.keras.layers.Dense):\n"
        "    def call(self, x): return x\n"
        "    def train_step(self, d): return d\n"
        "class Plain:\n"
        "    def call(self, x): return x\n"
        "    def train_step(self, d): return d\n"
        "class Other(tf.Module):\n"
        "    def call(self, x): return x\n"
    )
    assert _contexts(source) == {"L.call": "Keras"}


def test_run_eagerly_visible_in_the_module_removes_the_context():
    source = (
        "import keras\n"
        "class M(keras.Model):\n    def train_step(self, d): return d\n"
        "class N(keras.Model):\n    def train_step(self, d): return d\n"
        "def main(flag):\n"
        "    m = M()\n    m.compile(loss='mse', run_eagerly=True)\n"
        "    n = N()\n    n.compile(loss='mse', run_eagerly=flag)\n"
    )
    assert _contexts(source) == {"N.train_step": "Keras Model.fit"}


def test_dataset_functions_in_every_form():
    source = (
        "import functools\nimport tensorflow as tf\n"
        "def f(x): return x\n"
        "def g(x, k): return x\n"
        "def key(x): return x\n"
        "def red(k, ds): return ds\n"
        "class P:\n"
        "    def _parse(self, r): return r\n"
        "    def build(self):\n"
        "        return tf.data.TFRecordDataset('a').map(self._parse)\n"
        "ds = tf.data.Dataset.range(4)\n"
        "ds = ds.shuffle(4).map(f).filter(lambda x: x > 0)\n"
        "ds = ds.map(functools.partial(g, k=1))\n"
        "ds = ds.group_by_window(key, red, 2)\n"
        "t = ds.reduce(0, lambda s, x: s + x)\n"
    )
    assert _contexts(source) == {
        "P._parse": "Dataset.map",
        "f": "Dataset.map",
        "<lambda>": "Dataset.reduce",
        "g": "Dataset.map",
        "key": "Dataset.group_by_window",
        "red": "Dataset.group_by_window",
    }


@pytest.mark.parametrize(
    "call, tracer",
    [
        ("tf.vectorized_map(f, x)", "tf.vectorized_map"),
        ("tf.compat.v2.vectorized_map(f, x)", "tf.vectorized_map"),
        ("vm(f, x)", "tf.vectorized_map"),  # an alias: the name's last part differs, resolved anyway
        ("tf.data.experimental.map_and_batch(f, 2)", "tf.data.experimental.map_and_batch"),
        ("experimental.group_by_reducer(f, r)", "tf.data.experimental.group_by_reducer"),
        ("tf.data.experimental.scan(0, f)", "tf.data.experimental.scan"),  # also a Dataset method name
        ("tf.data.experimental.take_while(f)", "tf.data.experimental.take_while"),
        ("tf.map_fn(f, x)", None),  # other attribute calls are not looked up (a tf.function would trace f)
        ("tf.data.experimental.other(f)", None),
    ],
)
def test_tracing_functions_by_attribute_or_alias(call, tracer):
    """dataset_contexts resolves an attribute call only when its last part is a tracing function's
    last part (names.canonical keeps it); a Name call is always resolved (an alias may rename it)."""
    source = (
        "import tensorflow as tf\nfrom tensorflow import vectorized_map as vm\nfrom tensorflow.data import experimental\n"
        f"def f(*a): return a\nx = r = 1\n{call}\n"
    )
    assert _contexts(source) == ({"f": tracer} if tracer else {})


@pytest.mark.parametrize(
    "source",
    [
        "import tensorflow as tf\nds = tf.data.Dataset.from_tensor_slices([1])\nds.map(f)",
        "import tensorflow as tf\ntf.data.TextLineDataset('x').batch(2).map(f)",
        "import tensorflow as tf\ndef p(ds: tf.data.Dataset):\n    return ds.map(f)",
        "import tensorflow_datasets as tfds\ntfds.load('mnist', split='train').map(f)",
        "import tensorflow as tf\nimg = tf.keras.utils.image_dataset_from_directory('d')\nimg.map(f)",
        "import tensorflow as tf\nds = tf.data.Dataset.range(3)\nif c:\n    ds = ds.repeat()\nds = ds.map(f)\nds.map(f)",
        "import tensorflow as tf\nclass A:\n    def __init__(self):\n        self.ds = tf.data.Dataset.range(2)\n"
        "    def go(self):\n        return self.ds.map(f)",
    ],
)
def test_receivers_shown_to_be_datasets(source):
    assert is_dataset(_receiver(source))


@pytest.mark.parametrize(
    "source",
    [
        "list(map(f, [1, 2]))\nx.map(f)",
        "from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\npool.map(f, [1])",
        "import multiprocessing\npool = multiprocessing.Pool()\npool.map(f, [1])",
        "from pyspark import SparkContext\nrdd = SparkContext().parallelize([1])\nrdd.map(f)",
        "import pandas as pd\npd.Series([1]).map(f)",
        "import tensorflow as tf\ndef p(ds):\n    return ds.map(f)",
        "import tensorflow_datasets as tfds\ntfds.load('mnist').map(f)",
        "import tensorflow as tf\nds = tf.data.Dataset.range(3)\nif c:\n    ds = other()\nds.map(f)",
        "import tensorflow as tf\ntf.data.Options().map(f)",
    ],
)
def test_receivers_not_shown_to_be_datasets(source):
    assert not is_dataset(_receiver(source))


def test_keras_kind_of_a_base_imported_from_the_package(tmp_path):
    package = tmp_path / "kpkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "base.py").write_text("import tensorflow as tf\nclass Base(tf.keras.layers.Layer):\n    pass\n", encoding="utf-8")
    (package / "layer.py").write_text("from .base import Base\nclass L(Base):\n    def call(self, x):\n        print(x)\n", encoding="utf-8")
    from pylint_hybridize.model.project.files import package_on_sys_path

    with package_on_sys_path(str(package / "layer.py")):  # as pylint runs: the package importable
        module = astroid.MANAGER.ast_from_file(str(package / "layer.py"), "kpkg.layer", source=True)
        assert keras_kind(module.body[-1]) == "layer"
        model = TraceModel.for_module(module)
    assert [c.name for c in model.contexts] == ["L.call"]


@pytest.mark.parametrize(
    "expression, static",
    [
        ("x.shape", True),
        ("f'{x.shape} {x.dtype}'", True),
        ("'literal'", True),
        ("x.shape[-1] * 2", True),
        ("str(x.dtype)", True),
        ("type(x)", True),
        ("x.shape.as_list()", True),
        ("x", False),
        ("f'{x}'", False),
        ("tf.shape(x)", False),
        ("x[0]", False),
    ],
)
def test_static_values(expression, static):
    module = astroid.parse(f"import tensorflow as tf\ndef f(x):\n    return {expression}\n")
    value = module.body[-1].body[0].value
    assert is_static_value(value) is static


def test_branchy_rebinding_stays_cheap():
    """``if a: ds = ds.x()`` repeated (nobrainer, self.ds alike) made the receiver search exponential."""
    import time

    lines = ["import tensorflow as tf", "ds = tf.data.Dataset.range(3)"]
    for index in range(40):
        lines += [f"if c{index}:", "    ds = ds.map(f)", "else:", "    ds = ds.batch(2)"]
    lines.append("ds.map(f)")
    receiver = _receiver("\n".join(lines))
    started = time.perf_counter()
    assert is_dataset(receiver)
    assert time.perf_counter() - started < 2.0
