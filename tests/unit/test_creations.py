"""Objects that create variables (model.creations, catalogue's Keras tables)."""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import TraceModel, catalogue
from pylint_hybridize.model.state.creations import (
    Repetition,
    built_names,
    created_once,
    keras_instance_kind,
    repetition,
)

HEADER = "import tensorflow as tf\n"


def _calls(module: nodes.Module, name: str) -> list[nodes.Call]:
    return [c for c in module.nodes_of_class(nodes.Call) if isinstance(c.func, nodes.Name) and c.func.name == name]


@pytest.mark.parametrize(
    "qualified, expected",
    [
        ("keras.layers.Dense", "keras.layers.Dense"),
        ("keras.optimizers.Adam", "keras.optimizers.Adam"),
        ("keras.metrics.Mean", "keras.metrics.Mean"),
        ("keras.Sequential", "keras.Sequential"),
        ("keras.models.Model", "keras.models.Model"),
        ("keras.layers.Reshape", None),  # weightless
        ("keras.layers.MaxPooling2D", None),
        ("keras.layers.Dropout", "keras.layers.Dropout"),  # a SeedGenerator variable in Keras 3
        ("keras.layers.serialize", None),  # a function, not a class
        ("keras.layers.experimental.Foo", None),  # a submodule
        ("tensorflow.Variable", None),
    ],
)
def test_keras_variable_class(qualified, expected):
    assert catalogue.keras_variable_class(qualified) == expected


@pytest.mark.parametrize(
    "qualified, expected",
    [
        ("keras.optimizers.Adam", "optimizer"),
        ("keras.optimizers.schedules", None),
        ("keras.Model", "model"),
        ("keras.Sequential", "model"),
        ("keras.layers.Dense", None),
    ],
)
def test_keras_object_kind(qualified, expected):
    assert catalogue.keras_object_kind(qualified) == expected


@pytest.mark.parametrize(
    "binding, expected",
    [
        ("opt = tf.keras.optimizers.Adam(0.1)", "optimizer"),
        ("opt = tf.keras.Sequential([])", "model"),
        ("opt = tf.keras.layers.Dense(3)", None),
        ("opt = make_optimizer()", None),
        ("if c:\n    opt = tf.keras.optimizers.Adam()\nelse:\n    opt = load()", None),  # two bindings
        ("opt, other = pair", None),
    ],
)
def test_keras_instance_kind(binding, expected):
    module = astroid.parse(HEADER + binding + "\nstep(opt)\n")
    call = _calls(module, "step")[-1]
    assert keras_instance_kind(call.args[0]) == expected


def test_built_names_and_the_model_cache():
    module = astroid.parse(HEADER + "a = m()\na.build([1])\nself.b.build([1])\nbuild(c)\nd.compile()\n")
    model = TraceModel.for_module(module)
    assert built_names(model.calls) == {"a"}
    assert model.built_names == {"a"}
    assert model.built_names is model.built_names  # computed once


def test_repetition():
    source = HEADER + (
        "@tf.function\ndef step(x, opt):\n    return x\n"
        "for i in range(3):\n    opt = tf.keras.optimizers.Adam()\n    step(1, opt)\n"  # loop
        "opt0 = tf.keras.optimizers.Adam()\nfor i in range(3):\n    step(1, opt0)\n"  # once
        "def train():\n    opt2 = tf.keras.optimizers.Adam()\n    step(1, opt2)\n"
        "for epoch in range(3):\n    train()\n"  # an eager function called in a loop
        "def once():\n    opt3 = tf.keras.optimizers.Adam()\n    step(1, opt3)\n"
        "once()\n"
    )
    module = astroid.parse(source)
    model = TraceModel.for_module(module)
    found = {}
    for call in _calls(module, "step"):
        statement = call.args[1].lookup(call.args[1].name)[1][0].parent
        found[call.args[1].name] = repetition(statement, call, model)
    assert found["opt"].how == "loop" and isinstance(found["opt"].at, nodes.For) and found["opt"].function is module
    assert found["opt0"] is None
    train = next(f for f in module.nodes_of_class(nodes.FunctionDef) if f.name == "train")
    assert found["opt2"] == Repetition("caller", _calls(module, "train")[0], train)
    assert found["opt3"] is None
    # the call in another function than the statement: not this question
    statement = found["opt2"].function.body[0]
    assert repetition(statement, _calls(module, "step")[0], model) is None


def test_created_once():
    source = HEADER + (
        "class M:\n"
        "    def __init__(self):\n        self.v = None\n"
        "    @tf.function\n    def __call__(self, x):\n"
        "        if self.v is None:\n            self.v = tf.Variable(1.0)\n"
        "        w = tf.Variable(2.0)\n"
        "        if self.loss is None:\n            self.make()\n"
        "        return x\n"
        "    def make(self):\n        self.loss = tf.Variable(3.0)\n"
    )
    module = astroid.parse(source)
    model = TraceModel.for_module(module)
    variables = [c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "tf.Variable"]
    answers = [created_once(v, model.trace_info(v), model) for v in variables]
    assert answers == [True, False, True]
