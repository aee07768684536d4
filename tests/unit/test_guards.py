"""The guard query (model.guards): does a node run once, lazily, only eagerly, under tf.init_scope?"""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.execution.guards import checks_eager_mode, guard_of, under_static_branch
from pylint_hybridize.model.execution.traced import enters_init_scope
from pylint_hybridize.model.execution.ranges import creates_tf_ops, has_tensor_op, int_value, range_count

PRELUDE = "import tensorflow as tf\n"


def _marked(source: str) -> tuple[nodes.Module, nodes.Call]:
    """The module and the call of ``mark(...)`` in it (the node asked about)."""
    module = astroid.parse(PRELUDE + source)
    calls = [c for c in module.nodes_of_class(nodes.Call) if isinstance(c.func, nodes.Name) and c.func.name == "mark"]
    assert len(calls) == 1
    return module, calls[0]


def _guard(source: str, callbacks: bool = False):
    return guard_of(_marked(source)[1], callbacks)


# -- runs once: a branch, init_scope, a run-once method ---------------------------------------
LAZY = "class M:\n    def f(self):\n        if self.v is None:\n            self.v = mark()\n        return self.v\n"


def test_lazy_creation_runs_once():
    guard = _guard(LAZY)
    assert guard.branch is not None and guard.lazy and guard.lazy_subjects == ("self.v",)
    assert guard.runs_once and not guard.runs_eagerly


def test_unguarded_node_runs_on_every_trace():
    guard = _guard("def f(x):\n    y = mark()\n    return y\n")
    assert guard.branch is None and not guard.lazy and not guard.runs_once
    assert guard.init_scope is None and guard.caught is None and not guard.eager_check and not guard.run_once_method


@pytest.mark.parametrize(
    "source",
    [
        "def f(x):\n    if x:\n        pass\n    else:\n        mark()\n",  # else branch
        "def f(x):\n    return mark() if x else 0\n",  # conditional expression
        "def f(x):\n    if x > 0:\n        mark()\n",  # a condition we cannot judge
    ],
)
def test_any_branch_counts(source):
    guard = _guard(source)
    assert guard.runs_once and guard.branch is not None and not guard.lazy


@pytest.mark.parametrize(
    "source",
    [
        "def f(x):\n    if mark():\n        pass\n",  # the test itself runs every time
        "def f(x):\n    return 0 if mark() else 1\n",
        "if flag:\n    def f(x):\n        return mark()\n",  # a branch outside the function
    ],
)
def test_test_or_outer_branch_is_no_guard(source):
    assert not _guard(source).runs_once


def test_lazy_needs_an_is_none_test_around_the_body():
    assert not _guard("def f(self):\n    if self.v is not None:\n        mark()\n").lazy
    assert not _guard("def f(self):\n    if self.v is None:\n        pass\n    else:\n        mark()\n").lazy
    nested = _guard("def f(self):\n    if self.a is None:\n        if self.b is None:\n            mark()\n")
    assert nested.lazy_subjects == ("self.b", "self.a")  # innermost first


@pytest.mark.parametrize("name, once", [("__init__", True), ("build", True), ("_create_variables", True), ("call", False)])
def test_run_once_methods(name, once):
    guard = _guard(f"class L:\n    def {name}(self):\n        self.v = mark()\n")
    assert guard.run_once_method is once and guard.runs_once is once


def test_run_once_method_that_is_the_hybrid_itself_runs_every_trace():
    source = "class L:\n    @tf.function\n    def build(self):\n        self.v = tf.Variable(1.0)\n"
    module = astroid.parse(PRELUDE + source)
    call = next(c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "tf.Variable")
    model = TraceModel.for_module(module)
    assert guard_of(call).run_once_method  # by name
    assert not model.guard_of(call).run_once_method and not model.guard_of(call).runs_once


# -- init_scope -------------------------------------------------------------------------
def test_init_scope_body_runs_eagerly_and_once():
    guard = _guard("def f(x):\n    with tf.init_scope():\n        v = mark()\n    return v\n")
    assert guard.init_scope is not None and guard.runs_eagerly and guard.runs_once


@pytest.mark.parametrize(
    "source",
    [
        "def f(x):\n    with tf.name_scope('a'):\n        mark()\n",  # another context manager
        "def f(x):\n    with tf.init_scope():\n        pass\n    mark()\n",  # after the block
        "def f(x):\n    with tf.init_scope():\n        def g():\n            return mark()\n    return g\n",  # a nested def
    ],
)
def test_not_under_init_scope(source):
    guard = _guard(source)
    assert guard.init_scope is None and not guard.runs_eagerly


def test_enters_init_scope_by_qualified_name():
    module = astroid.parse("import tensorflow as T\nwith T.init_scope(), open('f'):\n    pass\nwith init_scope():\n    pass\n")
    first, second = [n for n in module.body if isinstance(n, nodes.With)]
    assert enters_init_scope(first) and not enters_init_scope(second)


# -- callbacks: a lambda handed to a call runs where the call is --------------------------------
CALLBACK = "def f(x):\n    with tf.init_scope():\n        return tf.nest.map_structure(lambda t: mark(t), x)\n"


def test_callback_lambda_runs_where_its_call_is():
    assert _guard(CALLBACK, callbacks=False).init_scope is None
    guard = _guard(CALLBACK, callbacks=True)
    assert guard.init_scope is not None and guard.runs_once
    assert isinstance(guard.function, nodes.FunctionDef) and guard.function.name == "f"


def test_called_lambda_is_its_own_function():
    guard = _guard("def f(x):\n    if x:\n        g = lambda t: mark(t)\n", callbacks=True)
    assert isinstance(guard.function, nodes.Lambda) and guard.branch is None


# -- only eagerly: eager-mode checks, try --------------------------------------------------------
@pytest.mark.parametrize(
    "check",
    [
        "if tf.executing_eagerly():\n        return mark()\n",
        "if not tf.executing_eagerly():\n        return x\n    mark()\n",
        "if isinstance(x, tf.__internal__.EagerTensor):\n        mark()\n",
        "if hasattr(x, 'numpy'):\n        mark()\n",
        "if tf.inside_function():\n        return x\n    mark()\n",
    ],
)
def test_eager_checks(check):
    guard = _guard(f"def f(x):\n    {check}")
    assert guard.eager_check and guard.runs_eagerly


@pytest.mark.parametrize(
    "check", ["if x is None:\n        mark()\n", "if hasattr(x, 'shape'):\n        mark()\n", "mark()\n"]
)
def test_no_eager_check(check):
    guard = _guard(f"def f(x):\n    {check}")
    assert not guard.eager_check and not guard.runs_eagerly


def test_eager_check_cache_is_per_function():
    module, call = _marked("def f(x):\n    if tf.executing_eagerly():\n        mark()\n")
    cache = {}
    assert guard_of(call, eager_checks=cache).eager_check
    assert cache == {call.scope(): True}
    assert not checks_eager_mode(module)  # only functions check


def test_try_body_is_caught_but_handlers_are_not():
    assert _guard("def f(x):\n    try:\n        mark()\n    except ValueError:\n        pass\n").caught is not None
    assert _guard("def f(x):\n    try:\n        pass\n    except ValueError:\n        mark()\n").caught is None
    assert _guard("def f(x):\n    try:\n        mark()\n    finally:\n        pass\n").caught is None


# -- early exit and static branches ------------------------------------------------------------
def test_early_exit_branch():
    guard = _guard("def f(x, verbose=False):\n    if not verbose:\n        mark()\n        return x\n    return x\n")
    assert guard.early_exit is not None and guard.early_exit.test.as_string() == "not verbose"
    assert _guard("def f(x):\n    if x:\n        mark()\n    return x\n").early_exit is None


def test_under_static_branch():
    assert under_static_branch(_marked("def f(x):\n    if x.shape.rank > 2:\n        return mark(x)\n    return x\n")[1])
    assert not under_static_branch(_marked("def f(x):\n    if x > 2:\n        return mark(x)\n    return x\n")[1])
    assert not under_static_branch(_marked("def f(x):\n    return mark(x)\n")[1])


# -- the model's cached query -------------------------------------------------------------------
def test_model_guard_of_and_called_under_guard():
    source = (
        "class M:\n"
        "    def _make(self):\n        self.v = tf.Variable(0.0)\n"
        "    def _other(self):\n        self.w = tf.Variable(0.0)\n"
        "    @tf.function\n"
        "    def step(self, x):\n"
        "        if self.v is None:\n            self._make()\n"
        "        self._other()\n"
        "        return x\n"
    )
    module = astroid.parse(PRELUDE + source)
    model = TraceModel.for_module(module)
    cls = module.body[-1]
    make, other = cls.locals["_make"][0], cls.locals["_other"][0]
    assert model.called_under_guard(make)
    assert not model.called_under_guard(other)
    assert not model.called_under_guard(cls.locals["step"][0])  # no call sites at all
    call = next(c for c in make.nodes_of_class(nodes.Call))
    assert model.guard_of(call) == model.guard_of(call) and not model.guard_of(call).runs_once


# -- loops: range counts and ops -----------------------------------------------------------------
def _loop(source: str):
    module = astroid.parse(PRELUDE + source)
    model = TraceModel.for_module(module)
    loop = next(module.nodes_of_class(nodes.For))
    return model, loop, model.trace_info(loop)


@pytest.mark.parametrize(
    "header, count",
    [
        ("range(3000)", 3000),
        ("range(10, 20)", 10),
        ("range(0, 100, 7)", 15),
        ("range(5, 0)", 0),
        ("range(0, 10, 0)", None),
        ("range(N)", 2000),
        ("range(n)", 4000),  # the largest of the default and the call sites
        ("range(len(x))", None),
    ],
)
def test_range_count(header, count):
    source = (
        f"N = 2000\n@tf.function\ndef f(x, n=10):\n    for _ in {header}:\n        x = tf.sin(x)\n    return x\n"
        "f(tf.constant(1.0), 4000)\n"
    )
    model, loop, trace = _loop(source)
    assert range_count(loop.iter, trace, model) == count


def test_range_parameter_needs_the_hybrid_itself():
    source = "def g(x, n=5000):\n    for _ in range(n):\n        x = tf.sin(x)\n    return x\n@tf.function\ndef f(x):\n    return g(x)\n"
    model, loop, trace = _loop(source)
    assert trace is not None and range_count(loop.iter, trace, model) is None


def test_int_value():
    module = astroid.parse("A = 3\nB = A\nif A:\n    C = 1\nelse:\n    C = 2\nD = True\nA\nB\nC\nD\n")
    a, b, c, d = (statement.value for statement in module.body[-4:])
    # a literal through one name; not through two names, two bindings, or a bool
    assert int_value(a) == 3 and int_value(b) is None and int_value(c) is None and int_value(d) is None


def test_ops_in_a_block():
    source = (
        "@tf.function\ndef f(x, v, n):\n"
        "    for _ in range(3):\n        y = tf.sin(x)\n"
        "    for _ in range(3):\n        v.assign_add(1.0)\n"
        "    for _ in range(3):\n        n = n + 1\n"
        "    return x\n"
    )
    module = astroid.parse(PRELUDE + source)
    model = TraceModel.for_module(module)
    ops, assign, python = list(module.nodes_of_class(nodes.For))
    assert has_tensor_op(ops.body, model) and creates_tf_ops(ops.body, model)
    assert not has_tensor_op(assign.body, model) and creates_tf_ops(assign.body, model)
    assert not has_tensor_op(python.body, model) and not creates_tf_ops(python.body, model)


# -- the guard questions the side-effect rules ask -------------------------------------------------
@pytest.mark.parametrize(
    ("source", "subject", "lazy"),
    [
        ("def f():\n    global X\n    if X is None:\n        X = mark()\n", "X", True),
        ("def f():\n    global X\n    if X is None:\n        if flag:\n            X = mark()\n", "X", True),  # nested
        ("def f():\n    global X\n    if X is None:\n        X = mark()\n", "Y", False),  # another name's test
        ("def f():\n    global X\n    if X is None:\n        pass\n    else:\n        X = mark()\n", "X", False),
        ("def f():\n    global X\n    if X:\n        X = mark()\n", "X", False),
        ("if X is None:\n    def f():\n        global X\n        X = mark()\n", "X", False),  # outside the function
    ],
)
def test_lazy_on(source, subject, lazy):
    assert _guard(source).lazy_on(subject) is lazy


@pytest.mark.parametrize(
    ("source", "static"),
    [
        ("def f(x, verbose=False):\n    if not verbose:\n        mark()\n        return x\n    return x\n", True),
        ("def f(x):\n    if x.shape.rank > 2:\n        mark()\n        raise ValueError\n    return x\n", True),
        ("def f(x):\n    if x > 0:\n        mark()\n        return x\n    return x\n", False),  # a tensor condition
        ("def f(x, verbose=False):\n    if not verbose:\n        mark()\n    return x\n", False),  # no early exit
        ("def f(x, verbose=False):\n    if not verbose:\n        return x\n    mark()\n    return x\n", False),
        # the innermost early exit decides: a tensor test inside a static one
        ("def f(x, v=False):\n    if not v:\n        if x > 0:\n            mark()\n            return x\n"
         "        return x\n    return x\n", False),
    ],
)
def test_static_early_exit(source, static):
    assert _guard(source).static_early_exit() is static


def test_static_early_exit_in_a_closure_of_eager_code():
    """A parameter of an eager enclosing function is a closure constant of the traced code."""
    source = (
        "def make(verbose):\n"
        "    @tf.function\n"
        "    def step(x):\n"
        "        if not verbose:\n            mark()\n            return x\n"
        "        return x\n"
        "    return step\n"
    )
    module, call = _marked(source)
    model = TraceModel.for_module(module)
    assert model.guard_of(call).static_early_exit(model.traced)
