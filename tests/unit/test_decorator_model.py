"""The model questions the decorator rules ask: function bodies, call-site arguments, module facts,
and the caller queries of TraceModel (only_traced, traced_uses, traced_call_sites, reachable,
tf_function_opportunities)."""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.execution import bodies
from pylint_hybridize.model.syntax import modules, names
from pylint_hybridize.model.values import arguments

PRELUDE = "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"


def _function(source: str, name: str) -> nodes.FunctionDef:
    module = astroid.parse(PRELUDE + source)
    return next(f for f in module.nodes_of_class(nodes.FunctionDef) if f.name == name)


def _functions(module: nodes.Module) -> dict[str, nodes.FunctionDef]:
    return {f.name: f for f in module.nodes_of_class(nodes.FunctionDef)}


# -- bodies ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        ("with tf.GradientTape() as tape:\n        y = x * 2\n    return y", True),
        ("return model(x)", True),
        ("return net(x)", True),  # a parameter named like a network
        ("return tf.nn.softmax(tf.reduce_sum(tf.square(x)))", False),  # TF ops alone
        ("return obj._flatten_layers(x)", False),  # a method, not a network
    ],
)
def test_substantial(body, expected):
    function = _function(f"def f(x, net, obj):\n    {body}\n", "f")
    assert bodies.substantial(function) is expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("return tf.reduce_sum(model(x))", True),
        ("print(x)\n    return x", False),
        ("tf.summary.scalar('loss', x, step=1)", False),
        ("return tf.compat.v1.layers.dense(x, 1)", False),
        ("return tf.keras.layers.Dense(1)(x)", False),  # a Keras object per call
        ("v = tf.Variable(x)\n    return v", False),
        ("import numpy as np\n    return np.mean(x)", False),
        ("self.count = x", False),  # Python state
        ("items.append(x)", False),
        ("return cost(x)", False),  # a callable parameter may run any Python
        ("def inner(y):\n        return y\n    return inner(x)", False),
        ("assert x is not None\n    return x", False),
    ],
)
def test_graph_safe(body, expected):
    function = _function(f"def f(x, cost, items, self):\n    {body}\n", "f")
    assert bodies.graph_safe(function) is expected


def test_tensor_to_python():
    function = _function(
        "def f(x, n):\n    a = int(tf.shape(x)[0] / n)\n    b = int(n)\n    c = float(tf.reduce_sum(x))\n"
        "    return range(tf.size(x)), range(n)\n",
        "f",
    )
    calls = [c for c in function.nodes_of_class(nodes.Call) if names.builtin_name(c.func)]
    assert [bodies.tensor_to_python(c) for c in calls] == [True, False, True, True, False]
    assert not bodies.graph_safe(function)


def test_graph_safe_rejects_recursion_and_generators():
    assert not bodies.graph_safe(_function("def f(x):\n    return f(tf.abs(x))\n", "f"))
    assert not bodies.graph_safe(_function("def f(x):\n    yield tf.abs(x)\n", "f"))


def test_tensor_ops_and_pure_tensor_function():
    module = astroid.parse(
        PRELUDE
        + "def helper(x):\n    print(x)\n    return x\n"
        + "def step(x):\n    return tf.square(tf.abs(helper(x)))\n"
        + "def clean(x):\n    return tf.square(tf.abs(x))\n"
    )
    functions = _functions(module)
    assert bodies.tensor_ops(functions["step"]) == 2
    assert bodies.pure_tensor_function(functions["clean"])
    assert bodies.pure_tensor_function(functions["step"])  # alone
    assert not bodies.pure_tensor_function(functions["step"], [functions["helper"]])  # a helper prints


def test_nested_in_method_and_construction():
    module = astroid.parse(
        PRELUDE
        + "class T:\n"
        + "    def fit(self, data):\n"
        + "        def step(x):\n            return model(x)\n"
        + "        for x in data:\n            step(x)\n"
        + "    def __init__(self, parts):\n"
        + "        for p in parts:\n            self.fit(p)\n"
        + "def outer():\n    def inner(x):\n        return x\n    return inner\n"
    )
    functions = _functions(module)
    assert bodies.nested_in_method(functions["step"])
    assert not bodies.nested_in_method(functions["inner"])
    calls = {c.func.as_string(): c for c in module.nodes_of_class(nodes.Call)}
    assert bodies.in_construction(calls["self.fit"])
    assert not bodies.in_construction(calls["step"])


def test_caller_is_tensor_code():
    module = astroid.parse(
        PRELUDE
        + "def augment(x):\n    return model(x)\n"
        + "def augment_all(images):\n"
        + "    for _ in range(3):\n"
        + "        images = tf.cast(augment(images), tf.float32)\n"
        + "        images = tf.clip_by_value(images, 0.0, 1.0)\n"
        + "    return images\n"
        + "def driver(data):\n    for x in data:\n        augment(tf.constant(x))\n"
    )
    functions = _functions(module)
    calls = [c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "augment"]
    assert bodies.caller_is_tensor_code(calls[0], functions["augment"])
    assert not bodies.caller_is_tensor_code(calls[1], functions["augment"])  # tf.constant is its argument


@pytest.mark.parametrize(
    "source, expected",
    [
        ("@tf.function\ndef f():\n    return 1 + 2\n", True),
        ("N = 3\n@tf.function\ndef f():\n    return [i for i in range(N)]\n", True),
        ("@tf.function\ndef f(x):\n    return x + 1\n", False),  # an argument may be a tensor
        ("@tf.function\ndef f():\n    return tf.constant(1)\n", False),
        ("v = tf.Variable(1)\n@tf.function\ndef f():\n    return v\n", False),  # not a literal constant
        ("@tf.function(input_signature=[])\ndef f():\n    return 1\n", False),
        # a closure over a captured variable reads it: tensor work (issue 26)
        ("def make():\n    v = tf.Variable(1.0)\n    @tf.function\n    def f():\n        return v + 1\n    return f\n",
         False),
        ("def make():\n    n = 3\n    @tf.function\n    def f():\n        return n + 1\n    return f\n", True),
    ],
)
def test_barren(source, expected):
    model = TraceModel.for_module(astroid.parse("import tensorflow as tf\n" + source))
    (hybrid,) = model.hybrids
    assert bodies.barren(hybrid) is expected


def test_local_or_constant_closures_are_not_local():
    """A name bound by an enclosing function is a closure (it may hold a tensor or a variable);
    one bound only to a literal there is still a constant."""
    module = astroid.parse(
        "def make():\n    v = tf.Variable(1.0)\n    rate = 2\n"
        "    def f():\n        return v + 1, rate\n    return f\n"
    )
    f = [d for d in module.nodes_of_class(nodes.FunctionDef) if d.name == "f"][0]
    values = {n.name: n for n in f.nodes_of_class(nodes.Name)}
    assert not bodies.local_or_constant(values["v"], f)
    assert bodies.local_or_constant(values["rate"], f)


def test_local_or_constant_and_the_shared_lookup():
    module = astroid.parse(
        "LIMIT = 3\nTABLE = compute()\n"
        "def f(n):\n    local = n\n    return LIMIT, TABLE, local, len, missing\n"
    )
    values = {n.name: n for n in module.nodes_of_class(nodes.Name) if n.scope().name == "f"}
    f = next(module.nodes_of_class(nodes.FunctionDef))
    assert bodies.local_or_constant(values["LIMIT"], f)
    assert bodies.local_or_constant(values["local"], f)
    assert bodies.local_or_constant(values["len"], f)  # a builtin
    assert not bodies.local_or_constant(values["TABLE"], f)
    assert bodies.local_or_constant(values["missing"], f)  # astroid looks an unbound name up in builtins
    seen = []
    assert names.bound_as(values["TABLE"], lambda scope, assignments: seen.append((scope, assignments)) or True)
    assert seen[0][0] is module and len(seen[0][1]) == 1


# -- arguments ----------------------------------------------------------------------
def _call(source: str, func: str) -> nodes.Call:
    module = astroid.parse("import tensorflow as tf\n" + source)
    return next(c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == func)


@pytest.mark.parametrize(
    "loop, expected",
    [
        ("for epoch in range(3):\n    step(x, 0.1 / (epoch + 1))\n", True),  # a varying Python number
        ("for epoch in range(3):\n    step(x, 0.1)\n", False),  # a literal constant
        ("for size in range(3):\n    step(x[:size])\n", True),  # a shape from a Python counter
        ("class C: pass\nfor b in data:\n    step(C())\n", True),  # a new object per call
        ("for b in data:\n    step(b)\n", False),
    ],
)
def test_retracing_argument(loop, expected):
    call = _call("x = tf.ones([4])\ndata = []\n" + loop, "step")
    assert any(arguments.retracing_argument(a) for a in arguments.call_arguments(call)) is expected


def test_per_element_argument_and_python_collection():
    call = _call("def f(outputs):\n    for level in sorted(outputs.keys()):\n        step(outputs[level])\n", "step")
    assert arguments.per_element_argument(call)
    call = _call("def f(ds):\n    for batch in ds:\n        step(batch)\n", "step")
    assert not arguments.per_element_argument(call)
    module = astroid.parse("levels = list(x)\nfor l in levels: pass\n")
    assert arguments.python_collection(module.body[1].iter)


def test_new_object_per_iteration():
    call = _call("def f(image):\n    for _ in range(3):\n        v = [tf.Variable(image)]\n        step(v)\n", "step")
    assert arguments.new_object_per_iteration(call.args[0], call)
    call = _call("def f(image):\n    v = [tf.Variable(image)]\n    for _ in range(3):\n        step(v)\n", "step")
    assert not arguments.new_object_per_iteration(call.args[0], call)


def test_takes_python_values():
    assert arguments.takes_python_values(_function("def f(count: int, x):\n    pass\n", "f"))
    assert arguments.takes_python_values(_function("from typing import Union\ndef f(x: Union[int, tf.Tensor]):\n    pass\n", "f"))
    assert not arguments.takes_python_values(_function("def f(x: tf.Tensor):\n    pass\n", "f"))
    assert not arguments.takes_python_values(_function("def f(x, training: bool = True):\n    pass\n", "f"))
    assert arguments.takes_python_values(_function("from typing import Union\ndef f(x: Union[bool, int]):\n    pass\n", "f"))


def test_python_object_argument():
    module = astroid.parse(
        "import typing\nclass Config: pass\nclass Pair(typing.NamedTuple):\n    a: int\n"
        "f(Config(), {'a': 1}, float(3), Pair(1), x)\n"
    )
    call = module.body[-1].value
    assert [arguments.python_object_argument(a) for a in call.args] == [True, True, False, False, False]


def test_true_by_default():
    module = astroid.parse("def f(eager=True, other=False, later=True):\n    later = 0\n    g(eager, other, later, True)\n")
    call = next(module.nodes_of_class(nodes.Call))
    assert [arguments.true_by_default(a) for a in call.args] == [True, False, False, False]
    assert arguments.is_true(call.args[3])


# -- modules -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path, expected",
    [("pkg/test_model.py", True), ("pkg/model_test.py", True), ("conftest.py", True), ("pkg/model.py", False), (None, False)],
)
def test_is_test_file(path, expected):
    assert modules.is_test_file(path) is expected


def test_debug_context_and_imports():
    module = astroid.parse(
        "import tensorflow as tf\nDEBUG = False\n"
        "if DEBUG:\n    tf.config.run_functions_eagerly(True)\n"
        "tf.config.run_functions_eagerly(True)\n"
        "def debug_run():\n    tf.config.run_functions_eagerly(True)\n",
        module_name="pkg.train", path="pkg/train.py",
    )
    calls = list(module.nodes_of_class(nodes.Call))
    assert [modules.debug_context(c) for c in calls] == [True, False, True]
    assert modules.imports_tensorflow(module)
    assert not modules.imports_test_framework(module)
    assert modules.imports_test_framework(astroid.parse("from unittest import mock\n"))


def test_exported_names_and_outside_callers():
    module = astroid.parse("__all__ = ['api']\ndef api(): pass\ndef helper(): pass\ndef _private(): pass\n")
    functions = _functions(module)
    assert modules.exported_names(module) == {"api"}
    assert modules.may_be_called_from_outside(functions["api"])
    assert not modules.may_be_called_from_outside(functions["helper"])  # not in __all__
    plain = _functions(astroid.parse("def api(): pass\ndef _private(): pass\napi()\nx = api\n"))
    assert modules.may_be_called_from_outside(plain["api"])
    assert not modules.may_be_called_from_outside(plain["_private"])
    assert modules.referenced_other_than_called(plain["api"], 1)  # x = api
    assert not modules.referenced_other_than_called(plain["_private"], 0)


# -- caller queries on TraceModel --------------------------------------------------------
def test_only_traced_and_traced_call_sites():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "def _helper(x): return _inner(x)\n"
        "def _inner(x): return x\n"
        "def _shared(x): return x\n"
        "@tf.function\n"
        "def _loss(x): return x * 2\n"
        "@tf.function\n"
        "def step(x): return _helper(_loss(_shared(x)))\n"
        "def eager(x): return _shared(x)\n"
    )
    model = TraceModel.for_module(module)
    functions = _functions(module)
    assert model.only_traced(functions["step"])
    assert model.only_traced(functions["_helper"])
    assert model.only_traced(functions["_inner"])
    assert not model.only_traced(functions["_shared"])  # an eager function calls it too
    assert not model.only_traced(functions["eager"])
    assert model.traced_call_sites(model.hybrid_of(functions["_loss"])) == "callers: step"
    assert model.traced_call_sites(model.hybrid_of(functions["step"])) is None  # public
    assert model.local_calls_to(functions["_shared"]) == [
        c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "_shared"
    ]


def test_traced_uses_of_methods_and_datasets():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "class Agent:\n"
        "    @tf.function\n"
        "    def _step(self, x): return x + 1\n"
        "    @tf.function\n"
        "    def train(self, xs): return tf.map_fn(self._step, xs)\n"
        "@tf.function\n"
        "def _parse(x): return x * 2\n"
        "ds = tf.data.Dataset.range(3).map(_parse)\n"
    )
    model = TraceModel.for_module(module)
    functions = _functions(module)
    assert model.traced_uses(model.hybrid_of(functions["_step"])) == "callers: Agent.train (callback of tf.map_fn)"
    assert model.traced_uses(model.hybrid_of(functions["train"])) is None
    assert "traces it" in model.traced_uses(model.hybrid_of(functions["_parse"]))


def test_reachable_is_transitive_and_bounded():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "def a(x): return b(x)\n"
        "def b(x): return c(x)\n"
        "def c(x): return a(x)\n"
        "def d(x): return x\n"
    )
    model = TraceModel.for_module(module)
    functions = _functions(module)
    assert model.reachable(functions["a"]) == {functions["a"], functions["b"], functions["c"]}
    assert model.reachable(functions["d"]) == set()
    assert len(model.reachable(functions["a"], limit=1)) == 1


def test_tf_function_opportunities():
    module = astroid.parse(
        PRELUDE
        + "def train_step(x):\n"
        + "    with tf.GradientTape() as tape:\n        loss = tf.reduce_sum(model(x))\n"
        + "    return tape.gradient(loss, model.trainable_variables)\n"
        + "def outer(x):\n    with tf.GradientTape():\n        return inner(x)\n"
        + "def inner(x):\n    with tf.GradientTape():\n        return model(x)\n"
        + "def scaled(x, lr):\n    with tf.GradientTape():\n        return model(x) * lr\n"
        + "def once(x):\n    with tf.GradientTape():\n        return model(x)\n"
        + "def main(data):\n"
        + "    once(data)\n"
        + "    for x in data:\n"
        + "        train_step(x)\n        outer(x)\n        inner(x)\n"
        + "    for epoch in range(3):\n        scaled(data, 0.1 * epoch)\n",
        module_name="pkg.train", path="pkg/train.py",
    )
    model = TraceModel.for_module(module)
    found = {f.name: call.lineno for f, call in model.tf_function_opportunities().items()}
    assert found == {"train_step": 22, "outer": 23}  # inner: its caller outer is reported; scaled retraces
    assert model.tf_function_opportunities() is model.tf_function_opportunities()  # computed once
    test_module = astroid.parse(module.as_string(), module_name="pkg.train_test", path="pkg/train_test.py")
    assert TraceModel.for_module(test_module).tf_function_opportunities() == {}
