"""Project wrappers (issue 27 step 1): a project function returning tf.function(...) of its parameter
makes what it is called with a hybrid, with the wrapper's settings as that call gives them."""

from pathlib import Path

import astroid

from pylint_hybridize.model import Settings, TraceModel
from pylint_hybridize.model.hybrids.functions import UNKNOWN

PRELUDE = "import functools\nimport tensorflow as tf\n"


def _hybrids(source: str) -> dict[str, object]:
    model = TraceModel.for_module(astroid.parse(PRELUDE + source), Settings())
    return {h.name: h for h in model.hybrids}


def test_method_wrapper_carries_the_signature_and_autograph():
    hybrids = _hybrids(
        "class Synth:\n"
        "    def __init__(self):\n"
        "        self.g = self._wrap(self._g, [tf.TensorSpec([None], tf.float32)])\n"
        "        self.h = self._wrap(self._h, None, autograph=False)\n"
        "    def _wrap(self, function, signature, autograph=True):\n"
        "        return tf.function(input_signature=signature, autograph=autograph, reduce_retracing=True)(function)\n"
        "    def _g(self, x): return x\n"
        "    def _h(self, x): return x\n"
    )
    assert set(hybrids) == {"Synth._g", "Synth._h"}
    g, h = hybrids["Synth._g"], hybrids["Synth._h"]
    assert g.via == "call" and g.through is not None and g.through.name == "_wrap"
    assert g.has_input_signature and [tuple(s.shape) for s in g.signature] == [(None,)]
    assert g.autograph is True and g.reduce_retracing is True
    assert h.autograph is False and h.effective_autograph is False
    assert not h.has_input_signature  # None passed
    assert g.is_wrapper  # a fix never edits the wrapper's tf.function from a call site


def test_function_wrappers_and_decorators():
    hybrids = _hybrids(
        "def compiled(fn, jit=False):\n"
        "    step = tf.function(fn, jit_compile=jit)\n"
        "    return step\n"
        "def partial_wrap(fn):\n"
        "    return tf.function(functools.partial(fn, scale=2.0))\n"
        "def a(x): return x\n"
        "def b(x, scale=1.0): return x\n"
        "@compiled\n"
        "def c(x): return x\n"
        "ra = compiled(a, jit=True)\n"
        "rb = partial_wrap(b)\n"
    )
    assert set(hybrids) == {"a", "b", "c"}
    assert hybrids["a"].jit_compile is True and hybrids["a"].bindings[0].name == "ra"
    assert hybrids["c"].via == "decorator" and hybrids["c"].jit_compile is False


def test_not_wrappers():
    hybrids = _hybrids(
        "def maybe(fn, eager):\n"
        "    if eager:\n"
        "        return fn\n"
        "    return tf.function(fn)\n"
        "def made(fn):\n"
        "    fn = other(fn)\n"
        "    return tf.function(fn)\n"
        "def kept(fn):\n"
        "    tf.function(fn)\n"
        "    return fn\n"
        "def forwards(fn, **kwargs):\n"
        "    return tf.function(fn, **kwargs)\n"
        "def a(x): return x\n"
        "ra, rb, rc = maybe(a, True), made(a), kept(a)\n"
    )
    assert not hybrids
    forwarded = _hybrids(
        "def forwards(fn, **kwargs):\n    return tf.function(fn, **kwargs)\n"
        "def a(x): return x\ndef b(x): return x\n"
        "ra = forwards(a, autograph=False)\nrb = forwards(b, **OPTIONS)\n"
    )
    assert forwarded["a"].autograph is False
    assert forwarded["b"].option("autograph") is UNKNOWN and forwarded["b"].autograph is None


def test_wrapper_of_another_module(tmp_path: Path):
    package = tmp_path / "wpkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "util.py").write_text(
        "import tensorflow as tf\ndef wrap(fn, sig=None):\n    return tf.function(fn, input_signature=sig)\n", encoding="utf-8"
    )
    (package / "model.py").write_text(
        "import tensorflow as tf\nfrom .util import wrap\nfrom wpkg import util\n"
        "def step(x):\n    print(x)\n    return x\n"
        "def other(x): return x\n"
        "@wrap\ndef third(x): return x\n"
        "run = wrap(step, [tf.TensorSpec([2], tf.float32)])\nrun2 = util.wrap(other)\n",
        encoding="utf-8",
    )
    module = astroid.MANAGER.ast_from_file(str(package / "model.py"), "wpkg.model", source=True)
    model = TraceModel.for_module(module, Settings())
    hybrids = {h.name: h for h in model.hybrids}
    assert set(hybrids) == {"step", "other", "third"}
    assert hybrids["step"].has_input_signature and not hybrids["other"].has_input_signature
