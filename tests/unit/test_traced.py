"""The traced set: what runs at trace time, with the call path that explains it."""

import astroid

from pylint_hybridize.model import TraceModel


def _paths(source: str) -> dict[str, tuple[str, ...]]:
    model = TraceModel.for_module(astroid.parse(source))
    return {getattr(f, "name", "<lambda>"): info.path for f, info in model.traced.items()}


def test_transitive_with_paths():
    paths = _paths(
        "import tensorflow as tf\n"
        "def log_stats(x): return x\n"
        "def compute_loss(x): return log_stats(x)\n"
        "def unrelated(x): return x\n"
        "@tf.function\n"
        "def train_step(x): return compute_loss(x)\n"
    )
    assert paths == {
        "train_step": ("train_step",),
        "compute_loss": ("train_step", "compute_loss"),
        "log_stats": ("train_step", "compute_loss", "log_stats"),
    }


def test_cycles_terminate():
    paths = _paths(
        "import tensorflow as tf\n"
        "def a(x): return b(x)\n"
        "def b(x): return a(x)\n"
        "@tf.function\n"
        "def f(x): return f(a(x))\n"
    )
    assert paths == {"f": ("f",), "a": ("f", "a"), "b": ("f", "a", "b")}


def test_methods_and_control_flow():
    paths = _paths(
        "import tensorflow as tf\n"
        "class Base:\n"
        "    def shared(self, x): return x\n"
        "class T(Base):\n"
        "    @tf.function\n"
        "    def step(self, x):\n"
        "        def body(i): return i\n"
        "        tf.while_loop(cond, body, [x])\n"
        "        return self.shared(x)\n"
        "def cond(i): return i < 3\n"
    )
    assert paths["shared"] == ("T.step", "Base.shared")
    assert paths["body"] == ("T.step", "body")
    assert paths["cond"] == ("T.step", "cond")


def test_py_function_callbacks_are_not_traced():
    paths = _paths(
        "import tensorflow as tf\n"
        "def callback(x): return x\n"
        "@tf.function\n"
        "def f(x): return tf.py_function(callback, [x], tf.float32)\n"
    )
    assert "callback" not in paths


def test_decorators_and_defaults_belong_to_the_outer_scope():
    source = (
        "import tensorflow as tf\n"
        "def make(): return 1\n"
        "@tf.function\n"
        "def f(x):\n"
        "    def g(y=make()): return y\n"
        "    return x\n"
    )
    paths = _paths(source)
    assert "make" in paths  # the default of nested g is evaluated in f's body
    paths = _paths("import tensorflow as tf\ndef make(): return 1\n@tf.function\ndef f(x=make()): return x\n")
    assert "make" not in paths  # f's own default is evaluated at definition time


def test_no_tensorflow_import_means_empty_model():
    model = TraceModel.for_module(astroid.parse("import mylib as tf\n@tf.function\ndef f(x): print(x)\n"))
    assert model.hybrids == [] and model.traced == {}


def test_branch_functions_in_lists_and_dicts():
    paths = _paths(
        "import tensorflow as tf\n"
        "def a(): return 1\n"
        "def b(): return 2\n"
        "def c(): return 3\n"
        "@tf.function\n"
        "def f(i, p):\n"
        "    tf.switch_case(i, [a, b])\n"
        "    return tf.case({p: c}, default=a)\n"
    )
    assert {"a", "b", "c"} <= set(paths)
