"""What a loop repeats (model.loops): loop-varying values, shapes, objects built per iteration."""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.syntax.walk import enclosing_loop
from pylint_hybridize.model.execution.loops import (
    factory_call_per_iteration,
    inside_loop_body,
    instance_per_iteration,
    lazily_created,
    loop_encloses,
    new_instance_in_loop,
    traced_structurally,
    used_in_same_iteration,
    varying_loop_variable,
    varying_scalars,
    varying_shape,
)

HEADER = "import tensorflow as tf\ndata = tf.ones([4])\n"


def _last_call(source: str, name: str = "f") -> tuple[nodes.Call, TraceModel]:
    module = astroid.parse(HEADER + source)
    calls = [c for c in module.nodes_of_class(nodes.Call) if isinstance(c.func, nodes.Name) and c.func.name == name]
    return calls[-1], TraceModel.for_module(module)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("for step in range(10):\n    f(step)\n", "step"),
        ("for epoch in range(3):\n    lr = 0.1 / (epoch + 1)\n    f(lr)\n", "epoch"),
        ("for lr in [0.1, 0.01]:\n    f(lr)\n", "lr"),
        ("for i, x in enumerate(xs):\n    f(i)\n", "i"),
        ("for i, x in enumerate(xs):\n    f(x)\n", None),  # the element, not the index
        ("for x in data_list:\n    f(x)\n", None),  # unknown elements
        ("for x in tf.range(3):\n    f(x)\n", None),  # tensors
        ("for i in range(3):\n    for j in range(2):\n        f(i)\n", "i"),  # an outer loop
        ("for i in range(3):\n    f(3)\n", None),
        ("n = 5\nfor i in range(3):\n    f(n)\n", None),  # bound outside the loop
        ("for i in range(3):\n    a = i\n    b = a\n    c = b\n    d = c\n    e = d\n    g = e\n    f(g)\n", None),
    ],
)
def test_varying_loop_variable(source, expected):
    call, model = _last_call(source)
    assert varying_loop_variable(call.args[0], enclosing_loop(call), model.kinds) == expected


def test_varying_loop_variable_without_a_loop():
    call, model = _last_call("i = 3\nf(i)\n")
    assert varying_loop_variable(call.args[0], enclosing_loop(call), model.kinds) is None


@pytest.mark.parametrize(
    "argument, expected",
    [
        ("data[:i]", ("slice", "i")),
        ("data[i:]", ("slice", "i")),
        ("tf.zeros([i + 1])", ("factory", "i")),
        ("data[:2]", None),
        ("data[i]", None),  # an element, not a slice
        ("tf.reduce_sum(data[:i])", None),
    ],
)
def test_varying_shape(argument, expected):
    call, model = _last_call(f"for i in range(3):\n    f({argument})\n")
    found = varying_shape(call.args[0], enclosing_loop(call), model.kinds)
    assert (found.how, found.variable) if found else None == expected


def test_new_instance_in_loop():
    source = (
        "class Config:\n    pass\n"
        "class Spec(tf.experimental.ExtensionType):\n    rate: tf.Tensor\n"
        "for i in range(3):\n    f(Config(), Spec(rate=1.0), tf.constant(i))\n"
    )
    call, _model = _last_call(source)
    loop = enclosing_loop(call)
    assert [new_instance_in_loop(a, loop) for a in call.args] == [True, False, False]
    assert not new_instance_in_loop(call.args[0], None)
    # builtins resolve to classes of the builtins module: Python values, not project objects
    builtins_call, _model = _last_call("for i in range(3):\n    f(float(i), int(i), str(i), list(xs))\n")
    assert [new_instance_in_loop(a, enclosing_loop(builtins_call)) for a in builtins_call.args] == [False] * 4
    classes = {c.name: c for c in call.root().nodes_of_class(nodes.ClassDef)}
    assert traced_structurally(classes["Spec"]) and not traced_structurally(classes["Config"])


@pytest.mark.parametrize(
    "body, expected",
    [
        ("    Runner().run(x)\n", True),
        ("    make()(x)\n", True),
        ("    step = make()\n    step(x)\n", True),
        ("    steps.append(make())\n", False),
        ("    step = make()\n", False),
    ],
)
def test_used_in_same_iteration(body, expected):
    module = astroid.parse(HEADER + "for x in xs:\n" + body)
    loop = next(module.nodes_of_class(nodes.For))
    made = [c for c in module.nodes_of_class(nodes.Call) if isinstance(c.func, nodes.Name) and c.func.name in ("make", "Runner")]
    assert used_in_same_iteration(made[0], loop) is expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("    if runner is None:\n        runner = Runner()\n", True),
        ("    if not self.runner:\n        self.runner = Runner()\n", True),
        ("    runner = Runner()\n", False),
        ("    if ready:\n        runner = Runner()\n", False),
    ],
)
def test_lazily_created(body, expected):
    module = astroid.parse("class Runner:\n    pass\nfor x in xs:\n" + body)
    loop = next(module.nodes_of_class(nodes.For))
    call = next(c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "Runner")
    assert lazily_created(call, loop) is expected


def test_loop_encloses_and_inside_loop_body():
    module = astroid.parse("for i in range(3):\n    for j in range(2):\n        y = i\n\ndef g():\n    z = 1\n")
    outer, inner = list(module.nodes_of_class(nodes.For))
    statement = next(module.nodes_of_class(nodes.Assign))
    assert loop_encloses(outer, inner) and loop_encloses(inner, inner) and not loop_encloses(inner, outer)
    assert inside_loop_body(statement, outer) and inside_loop_body(statement, inner)
    inner_def = list(module.nodes_of_class(nodes.Assign))[-1]
    assert not inside_loop_body(inner_def, outer)


@pytest.mark.parametrize(
    "argument, expected",
    [
        ("[i, i + 1]", "i"),
        ("(i * 2, 3)", "i"),
        ("[data, i]", "i"),
        ("[1, 2]", None),  # constant
        ("[tf.constant(i)]", None),  # tensors
        ("i", None),  # not a list
    ],
)
def test_varying_scalars(argument, expected):
    call, model = _last_call(f"for i in range(3):\n    f(data, {argument})\n")
    assert varying_scalars(call.args[1], enclosing_loop(call), model) == expected


def _model(source: str) -> tuple[nodes.Module, TraceModel]:
    module = astroid.parse(HEADER + source)
    return module, TraceModel.for_module(module)


def test_instance_per_iteration():
    module, model = _model(
        "class Runner:\n    @tf.function\n    def run(self, x):\n        return x\n"
        "runners = [Runner() for _ in range(3)]\n"  # kept for later
        "for x in xs:\n    if r is None:\n        r = Runner()\n"  # built once
        "for x in xs:\n    Runner().run(x)\n"  # a new instance per iteration
    )
    cls = next(module.nodes_of_class(nodes.ClassDef))
    found = instance_per_iteration(cls, model)
    assert found is not None and found.lineno == 12  # the last loop
    module, model = _model("class Runner:\n    pass\nfor x in xs:\n    runners.append(Runner())\n")
    assert instance_per_iteration(next(module.nodes_of_class(nodes.ClassDef)), model) is None


def test_factory_call_per_iteration():
    module, model = _model(
        "def make(s):\n    return tf.function(lambda x: x * s)\n"
        "def make_and_call(s, x):\n    step = tf.function(lambda y: y * s)\n    return step(x)\n"
        "def kept(s):\n    return tf.function(lambda x: x * s)\n"
        "class Holder:\n    def __init__(self):\n        self.step = tf.function(lambda x: x)\n"
        "for s in range(3):\n"
        "    make(s)(data)\n"  # used in the iteration that made it
        "    make_and_call(s, data)\n"  # the factory calls what it made
        "    fns.append(kept(s))\n"  # stored for later
        "    Holder().step(data)\n"  # __init__: the class's instantiations
    )
    functions = {f.name: f for f in module.nodes_of_class(nodes.FunctionDef)}
    found = {}
    for name, function in functions.items():
        hybrid = next(h for h in model.hybrids if h.creation.root() is module and h.creation.scope() is function)
        call = factory_call_per_iteration(function, hybrid, model)
        found[name] = call.as_string() if call is not None else None
    assert found == {
        "make": "make(s)",
        "make_and_call": "make_and_call(s, data)",
        "kept": None,
        "__init__": "Holder()",
    }
