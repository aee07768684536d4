"""``syntax.straight.reaching_binding`` (issue 29: a function rebinding a name k times cost k² in
astroid's ``_filter_stmts``) must give astroid's own ``lookup`` answer whenever it answers, and
leave every case with branches, loops, other binding forms or enclosing scopes to astroid."""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.straight import reaching_binding

_CASES = '''
import tensorflow as tf
y = 0


def chain(x, n=1):
    y = x * n
    y = f(y)
    y = g(y, y)
    y = h(y)
    print(y); z = y
    z = z + 1
    z = z + 2
    z = 1; q = z
    w = y
    return y + z + q + w


def branch(x):
    y = x
    if x:
        y = 1
    else:
        y = 2
    return y


def loop(x):
    y = x
    for i in range(3):
        y = y + i
    while y:
        y = y - 1
    return y


def other_forms(x):
    a, b = x
    a = a + 1
    c: int = a
    c += 1
    (d := c)
    d = d + 1
    del d
    return a, b, c


def scopes(x):
    v = x
    v = v + 1
    v = v * 2
    v = v - 3

    def inner():
        return v + y

    lam = lambda: v
    comp = [v for _ in range(2)]
    return inner, lam, comp, v


def uses_global():
    global y
    y = 1
    y = y + 1
    return y


def before_binding():
    print(k)
    k = 1
    k = k + 1
    k = k + 2
    k = k + 3
    return k


class Holder:
    def method(self, x):
        out = x
        out = self.f(out)
        out = self.g(out)
        out = self.h(out)
        return out

    @tf.function
    def decorated(self, t=y):
        t = t + 1
        return t
'''


def _names(module: nodes.Module):
    return list(module.nodes_of_class(nodes.Name))


def test_every_answer_equals_astroids_lookup():
    module = astroid.parse(_CASES)
    decided = 0
    for name in _names(module):
        fast = reaching_binding(name)
        if fast is None:
            continue
        decided += 1
        scope, assignments = name.lookup(name.name)
        assert fast[0] is scope, name.as_string()
        assert fast[1] == list(assignments), (name.lineno, name.name)
    assert decided >= 12  # the chains in chain(), scopes(), before_binding() and method() are decided here


@pytest.mark.parametrize(
    ("function", "line_text"),
    [
        ("branch", "return y"),  # a binding in a branch: astroid's rules
        ("loop", "return y"),  # a binding in a loop body
        ("other_forms", "return a, b, c"),  # a tuple target, an annotated and an augmented binding
        ("uses_global", "return y"),  # global: the module's bindings
    ],
)
def test_branches_loops_and_other_forms_are_left_to_astroid(function, line_text):
    module = astroid.parse(_CASES)
    found = module.body[[getattr(s, "name", None) for s in module.body].index(function)]
    statement = next(s for s in found.body if s.as_string() == line_text)
    for name in statement.nodes_of_class(nodes.Name):
        assert reaching_binding(name) is None, name.name


def test_same_line_and_no_earlier_binding_are_left_to_astroid():
    module = astroid.parse(_CASES)
    chain = next(s for s in module.body if getattr(s, "name", None) == "chain")
    printed_line = next(s for s in chain.body if isinstance(s, nodes.Expr)).lineno
    same_line = [n for n in _names(chain) if n.lineno == printed_line and n.name == "y"]
    assert same_line and reaching_binding(same_line[0]) is not None  # print(y): y = g(y, y) is on an earlier line
    q_line = next(s for s in chain.body if isinstance(s, nodes.Assign) and s.targets[0].name == "q")
    z_use = next(q_line.value.nodes_of_class(nodes.Name), None) or q_line.value
    assert isinstance(z_use, nodes.Name) and reaching_binding(z_use) is None  # z = 1; q = z on one line
    before = next(s for s in module.body if getattr(s, "name", None) == "before_binding")
    printed = [n for n in before.body[0].nodes_of_class(nodes.Name) if n.name == "k"][0]
    assert reaching_binding(printed) is None  # print(k) before any k: the enclosing scopes decide


def test_a_long_rebind_chain_is_decided_and_names_lookup_agrees():
    body = "\n".join(f"    y = f_{i}(y)" for i in range(60))
    module = astroid.parse(f"def long(x):\n    y = x\n{body}\n    return y\n")
    uses = [n for n in _names(module) if n.name == "y"]
    assert len(uses) == 61
    for use in uses:
        fast = reaching_binding(use)
        assert fast is not None
        assert fast[1] == list(use.lookup("y")[1])
        assert names.lookup(use, builtins=True)[1] == fast[1]


def test_a_name_bound_a_few_times_is_left_to_astroid():
    module = astroid.parse("def few(x):\n    y = x\n    y = f(y)\n    y = g(y)\n    return y\n")
    assert all(reaching_binding(n) is None for n in _names(module))  # astroid's scan is short: nothing kept
    assert "_hybridize_straight_bindings" not in module.body[0].__dict__
