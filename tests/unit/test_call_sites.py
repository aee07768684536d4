"""Call sites of hybrids and the call-graph queries the retracing rules ask (TraceModel)."""

import astroid
from astroid import nodes

from pylint_hybridize.model import TraceModel


def _model(source: str) -> TraceModel:
    return TraceModel.for_module(astroid.parse("import tensorflow as tf\n" + source))


def _calls(model: TraceModel, text: str) -> list[nodes.Call]:
    return [c for c in model.calls if c.as_string() == text]


def test_a_hybrid_created_and_called_in_one_expression():
    model = _model(
        "def f(x, n): return x\n"
        "tf.function(f)(1, 2)\n"
        "tf.function(jit_compile=True)(f)(3, 4)\n"
        "tf.function(f)(1, 2)(5)\n"
    )
    direct, factory, third = model.hybrids
    assert model.hybrid_called_by(_calls(model, "tf.function(f)(1, 2)")[0]) is direct
    assert model.hybrid_called_by(_calls(model, "tf.function(f)(1, 2)")[1]) is third
    assert model.hybrid_called_by(_calls(model, "tf.function(jit_compile=True)(f)(3, 4)")[0]) is factory
    assert model.hybrid_called_by(_calls(model, "tf.function(f)(1, 2)(5)")[0]) is None  # calls what the hybrid returned
    assert [site.call.as_string() for site in model.call_sites] == [
        "tf.function(f)(1, 2)", "tf.function(jit_compile=True)(f)(3, 4)", "tf.function(f)(1, 2)"]
    assert model.callee_of(_calls(model, "tf.function(f)(1, 2)")[0]) is direct.function


def test_hybrid_value_is_the_expression_that_makes_it():
    model = _model("def f(x): return x\ng = tf.function(f)\nh = tf.function(jit_compile=True)(f)\n@tf.function\ndef k(x): return x\n")
    g, h, k = sorted(model.hybrids, key=lambda hybrid: hybrid.creation.lineno)
    assert g.value.as_string() == "tf.function(f)"
    assert h.value.as_string() == "tf.function(jit_compile=True)(f)"
    assert k.value is None


def test_hybrid_calls_in_its_module_in_source_order():
    model = _model("@tf.function\ndef f(x, n): return x\nf(1, 2)\ng = f\nf(1, 3)\nother(1)\n")
    (hybrid,) = model.hybrids
    assert [call.as_string() for call in model.hybrid_calls(hybrid)] == ["f(1, 2)", "f(1, 3)"]
    assert model.imported_hybrids_called() == []


def test_instantiations_and_calls_in_module():
    model = _model(
        "class Runner:\n    def run(self): pass\n"
        "def make(): return 1\n"
        "Runner()\nmake()\nfor _ in range(3):\n    Runner().run()\n    make()\n"
    )
    runner = next(model.module.nodes_of_class(nodes.ClassDef))
    make = next(f for f in model.module.nodes_of_class(nodes.FunctionDef) if f.name == "make")
    assert [c.lineno for c in model.instantiations(runner)] == [5, 8]
    assert [c.lineno for c in model.calls_in_module(make)] == [6, 9]
