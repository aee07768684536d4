"""The value-kind model on its own: kinds, bases, dtypes, parameters from call sites (across modules)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import astroid
import pytest

from pylint_hybridize.model import Settings, TraceModel
from pylint_hybridize.model.project.settings import Policy
from pylint_hybridize.model.values.answers import Basis, Kind
from pylint_hybridize.model.syntax.binding import bind_arguments
from pylint_hybridize.model.values.kinds import Kinds

PRELUDE = "import tensorflow as tf\nimport numpy as np\n"


def _last_value(source: str):
    module = astroid.parse(PRELUDE + source)
    return module.body[-1].value


# the former execution_mode.tensor_expr cases: one model answers them now
@pytest.mark.parametrize(
    "source, expected",
    [
        ("tf.constant(1.0) > 0", True),
        ("tf.reduce_sum(x) + 1", True),
        ("0 < tf.reduce_min(x)", True),
        ("tf.shape(x)[0]", True),
        ("not tf.reduce_any(x)", True),
        ("x is not None and tf.reduce_all(x)", True),
        ("tf.unstack(x)", False),  # a Python list of tensors
        ("tf.unstack(x)[0]", True),
        ("tf.compat.dimension_value(x.shape[0])", False),
        ("tf.get_static_value(x)", False),
        ("tf.executing_eagerly()", False),
        ("x.shape[0] > 3", False),
        ("tf.reduce_sum(x) is None", False),
        ("x > 0", False),  # x unknown
        ("np.ones(3)", False),  # NumPy arrays are not symbolic
        ("tf.reduce_sum(x).numpy()", False),
        ("[tf.constant(1)]", False),
    ],
)
def test_is_tensor(source, expected):
    assert Kinds().is_tensor(_last_value(source)) is expected


@pytest.mark.parametrize(
    "source, kind, dtype",
    [
        ("3", Kind.SCALAR, "int32"),
        ("0.5", Kind.SCALAR, "float32"),
        ("3 / 2", Kind.SCALAR, "float32"),
        ("3 // 2", Kind.SCALAR, "int32"),
        ("2 ** 3", Kind.SCALAR, None),
        ("'a'", Kind.SCALAR, "string"),
        ("True", Kind.BOOL, "bool"),
        ("len(x)", Kind.SCALAR, "int32"),
        ("float(x)", Kind.SCALAR, "float32"),
        ("[1, 2]", Kind.CONTAINER, None),
        ("dict(a=1)", Kind.CONTAINER, None),
        ("iter([1, 2])", Kind.ITERATOR, None),
        ("(i for i in x)", Kind.ITERATOR, None),
        ("object()", Kind.OBJECT, None),
        ("tf.constant(2.0)", Kind.TENSOR, "float32"),
        ("tf.constant(2)", Kind.TENSOR, "int32"),
        ("tf.Variable(1.0)", Kind.VARIABLE, None),
        ("np.zeros(3)", Kind.ARRAY, None),
        ("np.zeros(3)[0]", Kind.ARRAY, None),
        ("[1, tf.constant(1)][1]", Kind.TENSOR, "int32"),
        ("1 if c else 2", Kind.SCALAR, "int32"),
        ("1 if c else tf.constant(1)", Kind.UNKNOWN, None),
    ],
)
def test_kinds_and_dtypes(source, kind, dtype):
    answer = Kinds().of(_last_value(source))
    assert (answer.kind, answer.dtype) == (kind, dtype)


def _function_value(source: str, statement: int = -1):
    """The value of the ``statement``-th statement of the last function of ``source``."""
    module = astroid.parse(PRELUDE + textwrap.dedent(source))
    function = [n for n in module.body if isinstance(n, astroid.nodes.FunctionDef)][-1]
    node = function.body[statement]
    return module, getattr(node, "value", None) or getattr(node, "test", None)


@pytest.mark.parametrize(
    "body, kind",
    [
        ("a = b = tf.cast(x, tf.float32)\n    return b", Kind.TENSOR),  # chained
        ("y = tf.reduce_sum(x)\n    y = y * 2\n    y += 1\n    return y", Kind.TENSOR),  # rebound
        ("y = tf.reduce_sum(x)\n    y = 3\n    return y", Kind.SCALAR),  # the last binding wins
        ("n = 0\n    n += 1\n    return n", Kind.SCALAR),  # augmented, Python
        ("n = 0\n    n += tf.constant(1)\n    return n", Kind.TENSOR),  # augmented with a tensor
        ("n = 0\n    n = n + tf.constant(1)\n    return n", Kind.TENSOR),
        ("if c:\n        n = 1\n    else:\n        n = 2\n    return n", Kind.SCALAR),
        ("if c:\n        n = 1\n    else:\n        n = tf.constant(2)\n    return n", Kind.UNKNOWN),
    ],
)
def test_names_follow_assignments(body, kind):
    _module, value = _function_value(f"def f(x, c):\n    {body}\n")
    assert Kinds().kind(value) is kind


def test_returns_of_project_functions():
    _module, value = _function_value(
        """
        def make(x):
            return tf.nn.relu(x) * 2
        def count():
            return 3
        def nothing():
            pass
        def f(x):
            a = make(x)
            b = count()
            c = nothing()
            return a, b, c
        """
    )
    kinds = Kinds()
    assert [kinds.kind(e) for e in value.elts] == [Kind.TENSOR, Kind.SCALAR, Kind.NONE]


def test_parameters_from_signature_hint_and_wrapper():
    module = astroid.parse(
        PRELUDE
        + "from tf_agents.utils import common\n"
        + "@common.function(input_signature=[tf.TensorSpec([], tf.float32)])\n"
        + "def wrapped(x):\n    return x\n"
        + "@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])\n"
        + "def plain(x):\n    return x\n"
        + "def hinted(x: tf.Tensor, n: int, flag: bool):\n    return x, n, flag\n"
    )
    wrapper_settings = Settings(extra_wrappers=("tf_agents.utils.common.function",))
    model = TraceModel.for_module(module, wrapper_settings)
    wrapped, plain, hinted = [n for n in module.body if isinstance(n, astroid.nodes.FunctionDef)]
    assert model.kind(wrapped.body[0].value).kind is Kind.TENSOR  # configured wrappers count
    assert TraceModel.for_module(module).kind(wrapped.body[0].value).kind is Kind.UNKNOWN  # not configured
    assert model.kind(plain.body[0].value).kind is Kind.TENSOR
    x, n, flag = hinted.body[0].value.elts
    assert [model.kind(e).kind for e in (x, n, flag)] == [Kind.TENSOR, Kind.SCALAR, Kind.BOOL]
    assert model.kind(x).basis is Basis.HINT


def test_parameters_from_call_sites():
    module = astroid.parse(
        PRELUDE
        + "@tf.function\ndef step(x, lr, mode=None):\n    return x, lr, mode\n"
        + "def helper(t):\n    return t\n"
        + "@tf.function\ndef outer(z):\n    return helper(z)\n"
        + "step(tf.constant(1.0), 0.1)\n"
        + "step(np.ones(3), 0.01, mode='a')\n"
        + "outer(tf.zeros([2]))\n"
    )
    model = TraceModel.for_module(module)
    step, helper, _outer = [n for n in module.body if isinstance(n, astroid.nodes.FunctionDef)]
    x, lr, mode = step.body[0].value.elts
    x_answer = model.kind(x)
    assert (x_answer.kind, x_answer.basis) == (Kind.TENSOR, Basis.CALL_SITE)
    assert "line" in x_answer.assumption
    lr_answer = model.kind(lr)
    assert (lr_answer.kind, lr_answer.dtype) == (Kind.SCALAR, "float32")
    assert model.kind(mode).kind is Kind.UNKNOWN  # None at one call, 'a' at the other
    # a helper's parameter, from the hybrid's parameter, from the call site
    assert model.kind(helper.body[0].value).kind is Kind.TENSOR


def test_no_call_site_policy():
    source = PRELUDE + "@tf.function\ndef f(x, training=False):\n    return x, training\n"
    module = astroid.parse(source)
    x, training = module.body[-1].body[0].value.elts
    assert TraceModel.for_module(module).kind(x).kind is Kind.UNKNOWN  # the default policy: silent
    assuming = TraceModel.for_module(module, Settings(parameter_policy=Policy.ASSUME_TENSOR))
    answer = assuming.kind(x)
    assert (answer.kind, answer.basis) == (Kind.TENSOR, Basis.ASSUMED)
    assert "assuming 'x' is a tensor" in answer.assumption
    assert assuming.kind(training).kind is Kind.UNKNOWN  # a parameter with a default is not assumed a tensor


@pytest.mark.parametrize(
    "call, expected",
    [
        ("obj.m(1, 2)", {"a": "1", "b": "2"}),  # self filled implicitly
        ("C.m(obj, 1, b=2)", {"self": "obj", "a": "1", "b": "2"}),  # Class.method(instance, ...)
        ("obj.s(1, 2)", {"a": "1", "b": "2"}),  # staticmethod
        ("obj.c(1)", {"a": "1"}),  # classmethod
    ],
)
def test_binder_handles_self_in_one_place(call, expected):
    module = astroid.parse(
        "class C:\n"
        "    def m(self, a, b): pass\n"
        "    @staticmethod\n    def s(a, b): pass\n"
        "    @classmethod\n    def c(cls, a): pass\n"
        f"obj = C()\n{call}\n"
    )
    cls = module.body[0]
    name = call.split("(")[0].split(".")[-1]
    method = cls.locals[name][0]
    binding = bind_arguments(module.body[-1].value, method)
    assert {k: v.as_string() for k, v in binding.values.items()} == expected
    assert binding.complete


def test_parameters_from_call_sites_in_other_modules(tmp_path: Path):
    package = tmp_path / "kpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "model.py").write_text(
        "import tensorflow as tf\n\n@tf.function\ndef step(x, lr):\n    return x * lr\n"
    )
    (package / "train.py").write_text(
        "import tensorflow as tf\nfrom kpkg.model import step\nfrom kpkg import model\n\n"
        "step(tf.constant(1.0), 0.5)\nmodel.step(tf.ones([2]), 0.25)\n"
    )
    module = astroid.MANAGER.ast_from_file(str(package / "model.py"), "kpkg.model", source=True)
    model = TraceModel.for_module(module)
    step = module.body[-1]
    assert len(model.calls_to(step)) == 2
    x, lr = step.body[0].value.left, step.body[0].value.right
    answer = model.kind(x)
    assert (answer.kind, answer.basis) == (Kind.TENSOR, Basis.CALL_SITE)
    assert "train.py:" in answer.assumption
    assert model.kind(lr).kind is Kind.SCALAR


def test_call_graph_follows_aliases_and_finds_cycles_between_hybrids():
    module = astroid.parse(
        PRELUDE
        + "@tf.function\ndef fact(n):\n    again = fact\n    return again(n - 1)\n"
        + "@tf.function\ndef ping(n):\n    return pong(n - 1)\n"
        + "@tf.function\ndef pong(n):\n    return ping(n - 1)\n"
    )
    model = TraceModel.for_module(module)
    fact, ping, pong = [n for n in module.body if isinstance(n, astroid.nodes.FunctionDef)]
    alias_call = fact.body[1].value
    assert model.callee_of(alias_call) is fact
    assert model.recursion(alias_call).calls == ((alias_call, ""),)
    ping_call, pong_call = ping.body[0].value, pong.body[0].value
    cycle = model.recursion(ping_call)
    assert cycle is model.recursion(pong_call)  # one cycle, two closing calls
    assert cycle.functions == frozenset({ping, pong})
    assert [path for _call, path in cycle.calls] == ["ping -> pong -> ping", "pong -> ping -> pong"]


def test_imported_hybrids_give_call_sites_in_loops(tmp_path: Path):
    package = tmp_path / "ipkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "model.py").write_text(
        "import tensorflow as tf\n\n@tf.function\ndef step(x, lr):\n    return x * lr\n\n"
        "def _plain(x):\n    return x\n\nwrapped = tf.function(_plain)\n"
    )
    (package / "train.py").write_text(
        "import tensorflow as tf\nfrom ipkg.model import step, wrapped\nfrom ipkg import model\n\n"
        "for i in range(3):\n    step(1.0, i)\n    model.step(1.0, i)\n    wrapped(i)\n"
        "step(1.0, 2)\n"
    )
    module = astroid.MANAGER.ast_from_file(str(package / "train.py"), "ipkg.train", source=True)
    model = TraceModel.for_module(module)
    sites = [(site.call.lineno, site.hybrid.name) for site in model.call_sites]
    assert sites == [(6, "step"), (7, "step"), (8, "_plain")]  # the call outside the loop is not a site


@pytest.mark.parametrize(
    "source, kind",
    [
        ("from tensorflow.python.ops import math_ops\nmath_ops.cast(x, 'float32')", Kind.TENSOR),
        ("from tensorflow.python.ops import array_ops\narray_ops.expand_dims_v2(x, -1)", Kind.TENSOR),
        ("from tensorflow.python.framework import ops\nops.prepend_name_scope('a', 'b')", Kind.UNKNOWN),
        ("from tensorflow.python.util import nest\nnest.flatten(x)", Kind.UNKNOWN),
        ("tf.compat.as_str_any(x)", Kind.UNKNOWN),
        ("tf.compat.v1.logging.info('x')", Kind.UNKNOWN),
    ],
)
def test_catalogue_internal_and_python_valued_apis(source, kind):
    module = astroid.parse(PRELUDE + source)
    assert Kinds().kind(module.body[-1].value) is kind


@pytest.mark.parametrize(
    "source, of_tensors",
    [("tf.unstack(x)", True), ("tf.split(x, 2)", True), ("[1, tf.constant(1)]", False), ("[]", False)],
)
def test_containers_of_tensors(source, of_tensors):
    answer = Kinds().of(_last_value(source))
    assert (answer.kind, answer.of_tensors) == (Kind.CONTAINER, of_tensors)


def test_confidence_says_where_the_kind_came_from(monkeypatch):
    """HIGH when the code shows the tensor, INFERENCE from a call site, INFERENCE_FAILURE when assumed."""
    from pylint_hybridize.engine import Engine

    source = PRELUDE + (
        "@tf.function\ndef shown(x):\n    assert tf.reduce_min(x) > 0\n    return x\n"
        "@tf.function\ndef called(x):\n    assert x > 0\n    return x\n"
        "@tf.function\ndef unseen(x):\n    assert x > 0\n    return x\n"
        "called(tf.constant(1.0))\n"
    )
    found = {(f.line, f.confidence) for f in Engine().check_source(source, "case.py")}
    assert found == {(5, "HIGH"), (9, "INFERENCE")}
    monkeypatch.setenv("PYLINT_HYBRIDIZE_PARAMETER_POLICY", "assume-tensor")
    assumed = [f for f in Engine().check_source(source, "case.py") if f.line == 13]
    assert [f.confidence for f in assumed] == ["INFERENCE_FAILURE"]
    assert "assuming 'x' is a tensor" in assumed[0].message
