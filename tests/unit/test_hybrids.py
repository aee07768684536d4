"""Hybrid function detection: every spelling, with options."""

import astroid

from pylint_hybridize.model import Settings, TraceModel
from pylint_hybridize.model.hybrids.functions import UNKNOWN


def _model(source: str, **settings) -> TraceModel:
    return TraceModel.for_module(astroid.parse(source), Settings(**settings))


def _hybrids(source: str, **settings) -> dict[str, object]:
    return {h.name: h for h in _model(source, **settings).hybrids}


def test_decorator_forms():
    hybrids = _hybrids(
        "import tensorflow as tf\n"
        "@tf.function\ndef a(x): return x\n"
        "@tf.function()\ndef b(x): return x\n"
        "@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)], jit_compile=True)\n"
        "def c(x): return x\n"
        "@tf.function(reduce_retracing=flag)\ndef d(x): return x\n"
        "def e(x): return x\n"
    )
    assert set(hybrids) == {"a", "b", "c", "d"}
    assert hybrids["a"].via == "decorator" and hybrids["a"].options == {}
    assert hybrids["c"].has_input_signature
    assert hybrids["c"].option("jit_compile") is True
    assert hybrids["d"].option("reduce_retracing") is UNKNOWN
    assert hybrids["a"].autograph is True


def test_call_forms():
    hybrids = _hybrids(
        "import tensorflow as tf\n"
        "def f(x): return x\n"
        "g = tf.function(f, autograph=False)\n"
        "h = tf.function(lambda x: x)\n"
        "def f2(x): return x\n"
        "k = tf.function(input_signature=None)(f2)\n"
        "class M(tf.Module):\n"
        "    def __init__(self):\n"
        "        self.step = tf.function(self._step)\n"
        "    def _step(self, x): return x\n"
    )
    assert set(hybrids) == {"f", "f2", "h", "M._step"}
    assert hybrids["f2"].via == "call" and not hybrids["f2"].has_input_signature
    assert hybrids["f"].via == "call"
    assert hybrids["f"].autograph is False
    assert [b.as_string() for b in hybrids["M._step"].bindings] == ["self.step"]
    assert [b.name for b in hybrids["h"].bindings] == ["h"]


def test_nested_and_methods():
    hybrids = _hybrids(
        "import tensorflow as tf\n"
        "class T:\n"
        "    @tf.function\n"
        "    def step(self, x): return x\n"
        "def outer():\n"
        "    @tf.function\n"
        "    def inner(x): return x\n"
        "    return inner\n"
    )
    assert set(hybrids) == {"T.step", "inner"}


def test_configured_wrapper():
    source = (
        "from tf_agents.utils import common\n"
        "import tensorflow as tf\n"
        "@common.function\ndef a(x): return x\n"
        "@common.function(autograph=True)\ndef b(x): return x\n"
    )
    assert set(_hybrids(source)) == set()
    hybrids = _hybrids(source, extra_wrappers=("tf_agents.utils.common.function",))
    assert set(hybrids) == {"a", "b"}
    assert hybrids["a"].autograph is None  # the wrapper may change the default
    assert hybrids["b"].autograph is True


def test_not_hybrids():
    hybrids = _hybrids(
        "import tensorflow as tf\n"
        "import functools\n"
        "@functools.lru_cache\ndef a(x): return x\n"
        "@tf.autograph.experimental.do_not_convert\ndef b(x): return x\n"
        "def c():\n"
        "    tf = None\n"
        "    @tf.function\n"
        "    def d(x): return x\n"
    )
    assert hybrids == {}


def test_odd_decorators_do_not_crash():
    hybrids = _hybrids(
        "import tensorflow as tf\n"
        "@(lambda f: f)\ndef a(x): return x\n"
        "@decorators[0]\ndef b(x): return x\n"
        "@tf.function(*args, **kwargs)\ndef c(x): return x\n"
        "@tf.function.__call__\ndef d(x): return x\n"
        "x = tf.function()\n"
        "y = tf.function(*fs)\n"
        "z = tf.function(undefined_name)\n"
    )
    assert set(hybrids) == {"c"}


def test_partial_binding_keywords_is_the_wrapped_function():
    hybrids = _hybrids(
        "import functools\nimport tensorflow as tf\n"
        "def f(x, k): return x * k\n"
        "def g(x, k): return x * k\n"
        "a = tf.function(functools.partial(f, k=2.0))\n"
        "b = tf.function(functools.partial(g, 2.0))\n"  # binds a position: call sites would bind wrongly
    )
    assert set(hybrids) == {"f"}
    assert [b.name for b in hybrids["f"].bindings] == ["a"]


def test_effective_settings_under_every_spelling():
    hybrids = _hybrids(
        "import tensorflow as tf\n"
        "@tf.function\ndef a(x): return x\n"
        "@tf.function(reduce_retracing=True, jit_compile=True)\ndef b(x): return x\n"
        "@tf.function(experimental_relax_shapes=True, experimental_compile=True)\ndef c(x): return x\n"
        "@tf.function(reduce_retracing=flag, jit_compile=False)\ndef d(x): return x\n"
    )
    assert (hybrids["a"].reduce_retracing, hybrids["a"].jit_compile) == (False, False)
    assert (hybrids["b"].reduce_retracing, hybrids["b"].jit_compile) == (True, True)
    assert (hybrids["c"].reduce_retracing, hybrids["c"].jit_compile) == (True, True)
    assert (hybrids["d"].reduce_retracing, hybrids["d"].jit_compile) == (None, False)


def test_hybrid_concerning_a_finding():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "@tf.function\ndef f(x): return x\n"
        "def g(x): return x\n"
        "h = tf.function(g)\n"
        "f(1.0 + 2)\n"
        "print(3)\n"
    )
    model = TraceModel.for_module(module, Settings())
    f, g = module.body[1], module.body[2]
    creation = module.body[3].value
    argument = module.body[4].value.args[0].left
    assert model.hybrid_concerning(f).name == "f"
    assert model.hybrid_concerning(creation).function is g
    assert model.hybrid_concerning(argument).name == "f"  # inside an argument of a call of f
    assert model.hybrid_concerning(module.body[5].value.args[0]) is None
