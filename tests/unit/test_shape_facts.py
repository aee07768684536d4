"""The shape facts on their own (``values.shapes``, ``values.shape_facts``): rank, literal
dimensions and dtype of expressions, of what reaches a parameter from its call sites, and of
loop-carried values (a least fixpoint); unknown stays unknown."""

from __future__ import annotations

import textwrap

import astroid
import pytest

from pylint_hybridize.model import Settings
from pylint_hybridize.model.values.shape_facts import ShapeFacts
from pylint_hybridize.model.values.shapes import UNKNOWN, Shape, broadcast, join

PRELUDE = "import numpy as np\nimport tensorflow as tf\n"


def _module(source: str):
    return astroid.parse(PRELUDE + textwrap.dedent(source))


def _last_value(source: str) -> Shape:
    module = _module(source)
    return ShapeFacts(Settings()).of(module.body[-1].value)


def _parameter(source: str, function: str, name: str) -> Shape:
    module = _module(source)
    (found,) = [f for f in module.nodes_of_class(astroid.nodes.FunctionDef) if f.name == function]
    return ShapeFacts(Settings()).parameter(found, name)


@pytest.mark.parametrize(
    "source, dims, dtype",
    [
        ("x = tf.constant([[1.0, 2.0], [3.0, 4.0]])", (2, 2), "float32"),
        ("x = tf.constant([1, 2, 3], dtype=tf.float64)", (3,), "float64"),
        ("x = np.zeros((3, 4))", (3, 4), "float64"),
        ("x = np.random.default_rng(0).uniform(0, 255, size=(6, 6, 3)).astype(np.float32)", (6, 6, 3), "float32"),
        ("rng = np.random.default_rng(0)\nx = rng.normal(size=(2, 5))", (2, 5), "float64"),
        ("x = np.random.rand(4, 2)", (4, 2), "float64"),
        ("x = tf.cast(tf.zeros([2, 3]), tf.int32)", (2, 3), "int32"),
        ("x = tf.zeros([2, 3]) + tf.ones([3])", (2, 3), "float32"),
        ("x = tf.zeros([2, 1]) * tf.ones([1, 5])", (2, 5), "float32"),
        ("x = tf.expand_dims(tf.zeros([4, 5]), axis=0)", (1, 4, 5), "float32"),
        ("x = tf.expand_dims(tf.zeros([4, 5]), -1)", (4, 5, 1), "float32"),
        ("x = tf.zeros([4, 5, 6])[0]", (5, 6), "float32"),
        ("x = tf.zeros([4, 5, 6])[None]", (1, 4, 5, 6), "float32"),
        ("x = tf.zeros([4, 5, 6])[:-1]", (3, 5, 6), "float32"),
        ("x = tf.zeros([4, 5, 6])[1:3, :, 0]", (2, 5), "float32"),
        ("x = tf.image.resize(tf.zeros([8, 8, 3]), (4, 4))", (4, 4, 3), "float32"),
        ("x = tf.image.resize(tf.zeros([2, 8, 8, 3], tf.uint8), size)", (2, None, None, 3), "float32"),
        ("x = tf.shape(tf.zeros([8, 8, 3]))[:-1]", (2,), "int32"),
        ("x = tf.fill([2], 3)", (2,), "int32"),
        ("x = tf.zeros([2]).numpy()", (2,), "float32"),
        ("x = tf.reduce_mean(tf.zeros([3, 3]))", (), "float32"),
        ("x = tf.clip_by_value(tf.zeros([3]), -1, 1)", (3,), "float32"),
        ("x = 3", (), "int32"),
        ("x = 2.5 * 2", (), "float32"),
        ("x = tf.range(5)", (None,), "int32"),
        ("x = tf.zeros([2, 3], tf.int32) / 2", (2, 3), None),  # an int tensor divided is float64
    ],
)
def test_expression_facts(source, dims, dtype):
    fact = _last_value(source)
    assert (fact.dims, fact.dtype) == (dims, dtype)


def test_python_numbers_and_arrays_are_told_apart():
    assert _last_value("x = 3").python and not _last_value("x = tf.constant(3)").python
    assert _last_value("x = np.zeros([2])").array and not _last_value("x = tf.constant(np.zeros([2]))").array
    assert _last_value("x = np.zeros([2]) * 2.0").array
    assert not _last_value("x = np.zeros([2], np.float32) * tf.ones([2])").array  # TF converts it


@pytest.mark.parametrize(
    "source",
    [
        "x = unknown(1)",
        "x = tf.reduce_sum(tf.zeros([2, 3]), axis=0)",  # an axis: not modelled
        "x = tf.zeros([2, 3]) @ tf.zeros([3, 2])",
        "x = tf.zeros([2, 3]) + tf.zeros([4, 3])",  # fails eagerly: nothing to say
        "x = tf.zeros(shape)",
        "x = [1, [2, 3]]",  # ragged
        "x = tf.reshape(tf.zeros([4]), [2, 2])",  # not modelled: unknown, never guessed
    ],
)
def test_unknown_stays_unknown(source):
    assert _last_value(source) == UNKNOWN


def test_parameter_from_every_call_site():
    source = """
    def f(x, n, scale=0.5):
        return x * scale

    f(tf.zeros([2, 3]), 1)
    f(tf.ones([4, 3]), 2)
    """
    x = _parameter(source, "f", "x")
    assert (x.dims, x.dtype, x.varies, x.python) == ((None, 3), "float32", True, False)
    n = _parameter(source, "f", "n")
    assert (n.dims, n.dtype, n.python) == ((), "int32", True)
    scale = _parameter(source, "f", "scale")  # the default, for calls that leave it out
    assert (scale.dims, scale.dtype, scale.python) == ((), "float32", True)


def test_one_unknown_call_site_makes_the_parameter_unknown():
    source = """
    def f(x):
        return x

    f(tf.zeros([2, 3]))
    f(load())
    """
    assert _parameter(source, "f", "x") == UNKNOWN


def test_no_call_site_is_unknown():
    assert _parameter("def f(x):\n    return x\n", "f", "x") == UNKNOWN


def test_returns_of_project_functions_and_tuple_unpacking():
    source = """
    def make():
        return tf.zeros([5, 2]), 3

    def use(t, k):
        return t

    a, b = make()
    use(a, b)
    """
    t = _parameter(source, "use", "t")
    assert (t.dims, t.dtype) == ((5, 2), "float32")
    k = _parameter(source, "use", "k")
    assert (k.dims, k.python) == ((), True)


def test_loop_carried_values_are_a_fixpoint():
    source = """
    def step(img):
        return img * 2.0

    img = tf.zeros([8, 8, 3])
    for size in range(3):
        img = tf.image.resize(img, (16, 16))
        img = step(img)
        probe(img)
    """
    fact = _parameter(source, "step", "img")
    assert (fact.dims, fact.dtype) == ((16, 16, 3), "float32")


def test_a_loop_that_changes_the_rank_is_unknown():
    source = """
    def g(x):
        return x

    x = tf.zeros([2])
    for _ in range(3):
        g(x)
        x = tf.expand_dims(x, 0)
    """
    assert _parameter(source, "g", "x") == UNKNOWN


def test_a_loop_that_changes_the_size_varies():
    source = """
    def g(x):
        return x

    x = tf.zeros([2, 3])
    for _ in range(3):
        g(x)
        x = tf.zeros([4, 3])
    """
    fact = _parameter(source, "g", "x")
    assert (fact.dims, fact.varies) == ((None, 3), True)


def test_a_cycle_through_calls_and_returns():
    source = """
    def ascend(img, steps):
        for _ in tf.range(steps):
            with tf.GradientTape() as tape:
                tape.watch(img)
                loss = tf.reduce_sum(img)
            gradients = tape.gradient(loss, img)
            img = img + gradients * 0.1
        return img

    def run(img, total=10, chunk=4):
        remaining = total
        while remaining:
            count = chunk if remaining > chunk else remaining
            remaining -= count
            img = ascend(img, count)
        return img

    run(tf.zeros([6, 6, 3]))
    """
    img = _parameter(source, "ascend", "img")
    assert (img.dims, img.dtype) == ((6, 6, 3), "float32")
    steps = _parameter(source, "ascend", "steps")
    assert (steps.dims, steps.dtype, steps.python) == ((), "int32", True)


def test_lattice():
    a, b = Shape((2, 3), "float32"), Shape((4, 3), "float32")
    assert join(a, b) == Shape((None, 3), "float32", varies=True)
    assert join(a, Shape((2,), "float32")) == UNKNOWN
    assert join(None, a) == a and join(a, None) == a
    assert join(a, Shape((2, 3), "int32")).dtype is None
    assert broadcast(Shape((None, 1)), Shape((5,)), None).dims == (None, 5)
    assert broadcast(Shape((2, 3)), Shape((4, 3)), None) == UNKNOWN


def test_a_project_function_named_through_its_module(tmp_path):
    """``clock.steps(10)`` after ``import clockmod as clock``: a project function, though its name is
    qualified, is read through its returns and its parameters' call sites (a library API would not
    be: only TF / NumPy / Keras names are read from the name). Before: unknown."""
    package = tmp_path / "spkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "clockmod.py").write_text(
        "import os\n\ndef steps(default):\n    override = os.environ.get('N')\n"
        "    return int(override) if override else default\n", encoding="utf-8")
    (package / "main.py").write_text(
        "from spkg import clockmod as clock\nimport tensorflow as tf\n\nn = clock.steps(10)\nm = 3 * n\n", encoding="utf-8")
    from pylint_hybridize.model.project.files import package_on_sys_path

    with package_on_sys_path(str(package / "main.py")):
        module = astroid.MANAGER.ast_from_file(str(package / "main.py"), "spkg.main", source=True)
        facts = ShapeFacts(Settings())
        m = facts.of(module.body[-1].value)
        assert (m.dims, m.dtype, m.python) == ((), "int32", True)
