"""Execution semantics per traced context (issue 25): autograph on/off, which Keras, what Keras passes."""

from __future__ import annotations

import textwrap

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import Settings, TraceModel, forget_keras_evidence, keras_in_use
from pylint_hybridize.model.project.files import forget_paths


def _conversions(source: str, keras: str = "3", path: str | None = None) -> dict[str, bool | None]:
    module = astroid.parse(textwrap.dedent(source), module_name="conv_case", path=path)
    model = TraceModel.for_module(module, Settings(keras=keras))
    found = {}
    for function in module.nodes_of_class(nodes.FunctionDef):
        first = function.body[0]
        conversion = model.conversion(first)
        found[function.qname().split(".", 1)[1]] = None if conversion is None else conversion.converted
    return found


LAYER = """
import tensorflow as tf
import keras

def helper(x):
    return x

def shared(x):
    return x

class L(keras.layers.Layer):
    def call(self, x):
        shared(x)
        return helper(x)

@tf.function
def step(x):
    return shared(x)

@tf.function(autograph=False)
def off(x):
    return x

def mapped(x):
    return x

ds = tf.data.Dataset.range(3).map(mapped)

class M(keras.Model):
    def train_step(self, data):
        return data
"""


def test_keras3_call_and_helpers_unconverted_unconverted_wins():
    found = _conversions(LAYER, "3")
    assert found["L.call"] is False and found["helper"] is False
    assert found["shared"] is False  # reached from step (converted) and from L.call (not): not converted
    assert found["step"] is True and found["mapped"] is True
    assert found["off"] is False and found["M.train_step"] is False


def test_tf_keras_converts_call_but_not_steps():
    found = _conversions(LAYER, "2")
    assert found["L.call"] is True and found["helper"] is True and found["shared"] is True
    assert found["M.train_step"] is False


def test_direct_call_from_a_tf_function_leaves_call_unknown():
    source = """
    import tensorflow as tf
    import keras

    class L(keras.layers.Layer):
        def call(self, x):
            return x

    @tf.function
    def run(layer: L, x):
        return layer.call(x)
    """
    assert _conversions(source)["L.call"] is None


def test_entry_point_table_decides_handed_callables():
    source = """
    import tensorflow as tf

    def body(i):
        return i

    @tf.function
    def loop(n):
        return tf.while_loop(lambda i: i < n, body, [0])

    def per_row(x):
        return x

    @tf.function
    def vmap(x):
        return tf.vectorized_map(per_row, x)
    """
    found = _conversions(source)
    assert found["body"] is False  # tf.while_loop's body is not converted (measured), when not nested
    assert found["per_row"] is False


@pytest.mark.parametrize(
    "filename, text, version",
    [
        ("requirements.txt", "tensorflow==2.10.0\n", "2"),
        ("requirements.txt", "tf-keras>=2.16\ntensorflow\n", "2"),
        ("requirements.txt", "keras<3\n", "2"),
        ("setup.cfg", "[options]\ninstall_requires =\n    keras==3.15.1\n    tf-keras==2.21.0\n", "3"),
        ("pyproject.toml", "dependencies = ['tensorflow>=2.16']\n", "3"),
        ("tox.ini", "[testenv]\nsetenv = TF_USE_LEGACY_KERAS=1\n", "2"),
        ("requirements.txt", "# tf-keras\nnumpy\n", "3"),
    ],
)
def test_auto_reads_project_evidence(tmp_path, filename, text, version):
    forget_keras_evidence()
    (tmp_path / filename).write_text(text)
    (tmp_path / ".git").mkdir()
    package = tmp_path / "pkg"
    package.mkdir()
    module = astroid.parse("import tensorflow as tf\n", module_name="pkg.m", path=str(package / "m.py"))
    choice = keras_in_use(module, "auto")
    assert choice.version == version, choice
    if version == "2":
        assert filename in choice.why


def test_module_evidence_and_explicit_setting(tmp_path):
    forget_keras_evidence()
    (tmp_path / ".git").mkdir()
    legacy = astroid.parse("import os\nos.environ['TF_USE_LEGACY_KERAS'] = '1'\n", path=str(tmp_path / "a.py"))
    assert keras_in_use(legacy).version == "2" and "TF_USE_LEGACY_KERAS" in keras_in_use(legacy).why
    imports = astroid.parse("import tf_keras\n", path=str(tmp_path / "b.py"))
    assert keras_in_use(imports).version == "2"
    assert keras_in_use(imports, "3").version == "3" and "--hybridize-keras=3" in keras_in_use(imports, "3").why
    plain = astroid.parse("import keras\n", path=str(tmp_path / "c.py"))
    assert keras_in_use(plain).version == "3" and keras_in_use(plain).why.startswith("assumed")


def test_a_decorated_call_or_step_is_converted():
    source = """
    import tensorflow as tf
    import keras

    class L(keras.layers.Layer):
        @tf.function
        def call(self, x):
            return x

    class M(keras.Model):
        @tf.function
        def train_step(self, data):
            return data
    """
    found = _conversions(source)
    assert found["L.call"] is True and found["M.train_step"] is True


def test_an_unpacked_wheel_requiring_tf_keras(tmp_path):
    forget_keras_evidence()
    (tmp_path / "tfrs-0.7.7.dist-info").mkdir()
    (tmp_path / "tfrs-0.7.7.dist-info" / "METADATA").write_text("Requires-Dist: tf-keras\n")
    (tmp_path / "tfrs").mkdir()
    (tmp_path / "tfrs" / "__init__.py").write_text("")  # a wheel's package: its project is the wheel's folder
    module = astroid.parse("import tensorflow as tf\n", path=str(tmp_path / "tfrs" / "m.py"))
    choice = keras_in_use(module)
    assert choice.version == "2" and "METADATA" in choice.why


def test_a_tree_without_markers_does_not_take_its_parent_folders_evidence(tmp_path):
    # the walk stops at the project root the result cache uses too: without a marker, the folder above
    # the top-level package (or a script's own folder), never a parent folder's requirements
    forget_keras_evidence()
    forget_paths()
    (tmp_path / "requirements.txt").write_text("tensorflow==2.10.0\n")
    child = tmp_path / "child"
    (child / "pkg").mkdir(parents=True)
    (child / "pkg" / "__init__.py").write_text("")
    script = astroid.parse("import tensorflow as tf\n", path=str(child / "train.py"))
    packaged = astroid.parse("import tensorflow as tf\n", module_name="pkg.m", path=str(child / "pkg" / "m.py"))
    assert keras_in_use(script).version == "3" and keras_in_use(script).why.startswith("assumed")
    assert keras_in_use(packaged).version == "3"
    (child / "requirements.txt").write_text("tf-keras\n")  # the child's own evidence is read
    forget_keras_evidence()
    assert keras_in_use(packaged).version == "2" and "requirements.txt" in keras_in_use(packaged).why


def test_a_folder_below_a_marked_project_root_reads_the_root(tmp_path):
    # scripts/train.py of a checkout (.git at its root): the checkout's requirements decide
    forget_keras_evidence()
    forget_paths()
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text("tensorflow==2.10.0\n")
    (tmp_path / "scripts").mkdir()
    script = astroid.parse("import tensorflow as tf\n", path=str(tmp_path / "scripts" / "train.py"))
    assert keras_in_use(script).version == "2" and "requirements.txt" in keras_in_use(script).why


def test_a_tf_function_handed_to_while_loop_keeps_its_conversion():
    source = """
    import tensorflow as tf

    class Decoder:
        @tf.function
        def peel(self, i):
            return i + 1

        @tf.function
        def decode(self, n):
            return tf.while_loop(lambda i: i < n, self.peel, [0])
    """
    assert _conversions(source)["Decoder.peel"] is True  # tensorflow-federated's IbltTensorDecoder


def test_the_deciding_path_is_the_one_a_message_shows():
    """A helper a tf.function reaches converted and Layer.call reaches unconverted fails on the
    second: its conversion carries that path (the trace record of the module keeps the shorter
    tf.function path, which autograph converts, and would name the wrong root)."""
    source = """
    import tensorflow as tf
    import keras

    def clip(x):
        return x

    @tf.function
    def step(x):
        return clip(x)

    class L(keras.layers.Layer):
        def call(self, x):
            y = x + 1
            return clip(y)
    """
    module = astroid.parse(textwrap.dedent(source), module_name="conv_path_case")
    model = TraceModel.for_module(module, Settings(keras="3"))
    clip = next(f for f in module.nodes_of_class(nodes.FunctionDef) if f.name == "clip")
    conversion = model.conversion(clip.body[0])
    assert conversion is not None and conversion.converted is False
    assert conversion.path == ("L.call", "clip")
    assert conversion.trace.describe().startswith("'L.call' is traced by Keras")
