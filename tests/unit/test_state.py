"""Outer Python state (model/state.py): how outer names are bound, who rebinds or changes them, and when."""

import astroid
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.state.mutations import CONTAINER_MUTATORS, MUTATING_METHODS
from pylint_hybridize.model.state.outer import (
    ANY_PART,
    REBINDING,
    OuterState,
    is_container_value,
    member_read,
    part_of,
    updates_from_old_value,
)

_MODULE = """
import tensorflow as tf

counter = 0
cache = None
REGISTRY = {}
ITEMS = []
SETTINGS = dict(scale=1.0)
TRACKER = set()
numbers = iter([1, 2, 3])

def bump():
    global counter
    counter += 1

def lazy():
    global cache
    if cache is None:
        cache = {}
    return cache

def configure(scale):
    SETTINGS["scale"] = scale
    REGISTRY[scale] = 1
    REGISTRY.update(a=1)

def not_global():
    counter = 5  # a local of its own
    return counter

@tf.function
def step(x):
    ITEMS.append(x)
    TRACKER.add(1)
    return x * SETTINGS["scale"] + counter + next(numbers)

def make():
    box = [None]
    seen = []
    def inner(x):
        box[0] = x
        seen.append(x)
        return x
    return inner

class Layer(tf.Module):
    def __init__(self):
        self.axis = -1
        self.steps = 0
        self.history = []
        self.last = None

    @tf.function
    def __call__(self, x):
        self.history.append(x)
        return x + self.steps

    def fit(self, data):
        for x in data:
            self(x)
            self.steps += 1
"""


def _module():
    return astroid.parse(_MODULE, module_name="outer_state_example")


def _state(module=None):
    model = TraceModel.for_module(module or _module())
    return model, model.outer_state


def _function(module, name):
    return next(f for f in module.nodes_of_class(nodes.FunctionDef) if f.name == name)


def _name_in(function, name):
    return next(n for n in function.nodes_of_class(nodes.Name) if n.name == name)


def test_outer_state_is_built_once_per_model():
    model, state = _state()
    assert model.outer_state is state


def test_rebinds_lists_global_assignments_with_their_function_and_time():
    module = _module()
    _model, state = _state(module)
    writes = state.rebinds("counter")
    assert [(w.function.name, w.part, w.at_trace_time) for w in writes] == [("bump", REBINDING, False)]
    assert isinstance(writes[0].node, nodes.AssignName) and writes[0].node.lineno == 14
    # a lazy ``if cache is None`` rebinding is listed too (the rule decides what it means)
    assert [w.function.name for w in state.rebinds("cache")] == ["lazy"]
    # ``counter = 5`` in not_global is a local: no ``global`` statement, not listed
    assert all(w.function.name != "not_global" for w in state.rebinds("counter"))
    assert state.rebinds("ITEMS") == []


def test_changes_lists_parts_and_whether_they_run_at_trace_time():
    _model, state = _state()
    assert [(w.function.name, w.part, w.at_trace_time) for w in state.changes("SETTINGS")] == [
        ("configure", ("item", "scale"), False)
    ]
    # a computed key and a mutating method may change any item
    assert [(w.function.name, w.part) for w in state.changes("REGISTRY")] == [("configure", ANY_PART)]
    assert [(w.function.name, w.part, w.at_trace_time) for w in state.changes("ITEMS")] == [
        ("step", ANY_PART, True)
    ]
    assert [w.at_trace_time for w in state.changes("TRACKER")] == [True]
    assert state.changes("counter") == []  # an int: nothing to change in place


def test_binding_kinds_and_containers():
    module = _module()
    _model, state = _state(module)
    step = _function(module, "step")
    inner = _function(module, "inner")
    call = _function(module, "__call__")
    items = _name_in(step, "ITEMS")
    assert state.binding_kind(items) == "module-level"
    assert state.container(items) == "a module-level container"
    assert state.container(_name_in(step, "SETTINGS")) == "a module-level container"  # dict(...)
    seen = _name_in(inner, "seen")
    assert state.binding_kind(seen) == "closure"
    assert state.container(seen) == "a closure container"
    history = next(a for a in call.nodes_of_class(nodes.Attribute) if a.attrname == "history")
    assert state.binding_kind(history) == "attribute"
    assert state.container(history) == "an attribute container"
    steps = next(a for a in call.nodes_of_class(nodes.Attribute) if a.attrname == "steps")
    assert state.container(steps) is None  # self.steps = 0: not a container
    x = _name_in(step, "x")
    assert state.binding_kind(x) is None  # a parameter of its own function


def test_container_bound_in_traced_code_is_not_outer_state():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "@tf.function\n"
        "def f(x):\n"
        "    found = []\n"
        "    def visit(y):\n"
        "        found.append(y)\n"
        "    visit(x)\n"
        "    return x\n"
    )
    _model, state = _state(module)
    found = _name_in(_function(module, "visit"), "found")
    assert state.binding_kind(found) == "closure"
    assert state.container(found) is None  # made afresh on every run of the traced f


def test_box_assignment_iterator_and_declarations():
    module = _module()
    _model, state = _state(module)
    inner = _function(module, "inner")
    box_target = next(inner.nodes_of_class(nodes.Subscript))
    assert state.box_assignment(box_target)
    step = _function(module, "step")
    numbers = _name_in(step, "numbers")
    assert state.outer_python_iterator(numbers)
    assert not state.outer_python_iterator(_name_in(step, "x"))
    bump = _function(module, "bump")
    assert state.declares_global(bump, "counter") and not state.declares_global(step, "counter")
    assert state.declared_outer(next(bump.nodes_of_class(nodes.AssignName)))
    not_global = _function(module, "not_global")
    assert not state.declared_outer(next(not_global.nodes_of_class(nodes.AssignName)))
    configure = _function(module, "configure")
    assert state.module_level_object(_name_in(configure, "SETTINGS"))
    assert not state.module_level_object(_name_in(step, "tf"))  # an imported module


def test_flows_into_graph():
    module = astroid.parse(
        "def f(x):\n"
        "    a = X + 1\n"
        "    TRACKER.add(x)\n"
        "    if Y is None:\n"
        "        pass\n"
        "    if self.steps >= 3:\n"
        "        pass\n"
        "    return Z\n"
    )
    f = _function(module, "f")
    names = {n.name: n for n in f.nodes_of_class(nodes.Name)}
    assert OuterState.flows_into_graph(names["X"])
    assert not OuterState.flows_into_graph(names["TRACKER"])
    assert not OuterState.flows_into_graph(names["Y"])
    assert OuterState.flows_into_graph(names["Z"])
    steps = next(a for a in f.nodes_of_class(nodes.Attribute) if a.attrname == "steps")
    assert not OuterState.flows_into_graph(steps)
    assert OuterState.flows_into_graph(steps, decisions=True)


def test_eager_attribute_updates_ask_the_models_traced_code():
    module = _module()
    _model, state = _state(module)
    cls = next(module.nodes_of_class(nodes.ClassDef))
    updates = state.eager_attribute_updates(cls, "steps")
    assert [(type(statement).__name__, function.name) for statement, function in updates] == [("AugAssign", "fit")]
    assert state.eager_attribute_updates(cls, "history") == []


def test_parameter_mutations_and_passed_containers():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "def helper(acc, x):\n"
        "    acc.append(x)\n"
        "@tf.function\n"
        "def f(acc, x):\n"
        "    helper(acc, x)\n"
        "    return x\n"
        "values = []\n"
        "f(values, 1)\n"
        "f(make(), 1)\n"
    )
    _model, state = _state(module)
    f = _function(module, "f")
    mutations = state.parameter_mutations(f)
    assert list(mutations) == ["acc"] and mutations["acc"].path == ("f", "helper")
    calls = [c for c in module.body if isinstance(c, nodes.Expr)]
    assert state.passes_container(calls[0].value, f, "acc")
    assert not state.passes_container(calls[1].value, f, "acc")


def _statement(source: str, line: int):
    module = astroid.parse(source)
    model = TraceModel.for_module(module)
    statement = next(
        n for n in module.nodes_of_class((nodes.Assign, nodes.AugAssign)) if n.lineno == line
    )
    return model.outer_state, statement


_NORMALISE = """
import tensorflow as tf
class L(tf.keras.layers.Layer):
    def call(self, inputs):
        ndims = inputs.shape.ndims
        if self.axis < 0:
            self.axis = ndims + self.axis
        if self.other < 0:
            self.other += len(inputs.shape)
        if 0 > self.third:
            self.third = self.third % inputs.shape.rank
        if self.count < 0:
            self.count += 1
        self.step = self.step + 1
        if self.axis > 0:
            self.axis = self.axis + ndims
        if self.size < 0:
            self.size = self.size + tf.shape(inputs)[0]
        if self.scale is None:
            self.scale = 2.0
        if self.mean is None:
            self.mean = tf.reduce_mean(inputs)
        if self.x < 0:
            self.x = self.y + ndims
        return inputs
"""


def test_normalises_once_negative_axis():
    for line in (7, 9, 11):
        state, statement = _statement(_NORMALISE, line)
        assert state.normalises_once(statement), line


def test_normalises_once_lazy_default():
    state, statement = _statement(_NORMALISE, 20)
    assert state.normalises_once(statement)


def test_counters_and_unproven_normalisations_are_not():
    # += 1 under a sign test (1 is not a size), unguarded, wrong test, a tensor size, a tensor
    # default, a value of another attribute
    for line in (13, 14, 16, 18, 22, 24):
        state, statement = _statement(_NORMALISE, line)
        assert not state.normalises_once(statement), line


def test_part_of_and_container_values():
    module = astroid.parse("X['k']\nX[k]\nX.a\nlist()\ncollections.deque()\nfoo()\n[1]\n")
    exprs = [statement.value for statement in module.body]
    assert part_of(exprs[0]) == ("item", "k")
    assert part_of(exprs[1]) == ANY_PART
    assert part_of(exprs[2]) == ("attr", "a")
    assert is_container_value(exprs[3])
    assert not is_container_value(exprs[5])
    assert is_container_value(exprs[6])


def test_eager_changes_of_a_part():
    _model, state = _state()
    assert [w.function.name for w in state.eager_changes("SETTINGS", ("item", "scale"))] == ["configure"]
    assert state.eager_changes("SETTINGS", ("item", "other")) == []  # another item
    # a computed key / a mutating method may change any part
    assert [w.function.name for w in state.eager_changes("REGISTRY", ("item", "x"))] == ["configure"]
    assert state.eager_changes("ITEMS", ANY_PART) == []  # changed only at trace time
    assert state.eager_changes("counter", ANY_PART) == []


def test_member_read():
    module = astroid.parse("X['k']\nX.a\nX\nf(X)\nY[X]\nX.a.b\n")
    names = [next(n for n in statement.nodes_of_class(nodes.Name) if n.name == "X") for statement in module.body]
    reads = [member_read(name) for name in names]
    assert reads[0] is module.body[0].value and reads[1] is module.body[1].value
    assert reads[2] is None and reads[3] is None and reads[4] is None  # X itself, an argument, a key
    assert reads[5] is module.body[5].value.expr  # X.a of X.a.b


def test_updates_from_old_value():
    module = astroid.parse("x = x + 1\nx = 2 * x\nself.n = self.n - d\nx = y + 1\nx = x\nx = f(x)\nx = (x + 1) * 2\n")
    assert [updates_from_old_value(statement) for statement in module.body] == [
        True, True, True, False, False, False, False
    ]


def test_one_mutator_table_with_its_list_dict_subset():
    assert CONTAINER_MUTATORS < MUTATING_METHODS
    assert {"append", "update", "setdefault", "pop"} <= CONTAINER_MUTATORS
    assert not {"add", "discard", "appendleft", "extendleft"} & CONTAINER_MUTATORS  # set / deque methods
