"""The module's one walk (``syntax.walk.index_module``) answers module-wide node questions exactly as
astroid's ``nodes_of_class`` does: the same nodes in the same order, for one class or several."""

from __future__ import annotations

from pathlib import Path

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model.syntax.walk import index_module

SOURCE = '''
import os
from tensorflow import keras as k

X = {}
COUNT = 0
os.environ["TF_USE_LEGACY_KERAS"] = "1"

class Model(k.Model):
    run_eagerly = False

    class Inner:
        def method(self):
            self.a = 1
            del self.b

    def train_step(self, data):
        global COUNT
        COUNT += 1
        X["k"] = data
        lam = lambda y: y.attr[0]
        return [z for z in data if z]

async def runner():
    async with ctx() as c:
        async for item in c:
            await item.run()

def outer():
    def inner():
        nonlocal value
        value = 2
    value = 1
    return inner
'''

QUESTIONS = [
    nodes.Const,
    nodes.ClassDef,
    nodes.Global,
    nodes.AssignAttr,
    nodes.FunctionDef,  # AsyncFunctionDef is one too
    nodes.NodeNG,
    (nodes.Subscript, nodes.AssignAttr, nodes.DelAttr, nodes.Call),
    (nodes.Name, nodes.Attribute, nodes.AssignAttr, nodes.ImportFrom),
    (nodes.Global, nodes.Nonlocal),
    nodes.Match,  # absent
]


_MODULES: list[nodes.Module] = []


def _modules() -> list[nodes.Module]:
    """The sample and this repository's model files (built once for every question)."""
    if not _MODULES:
        _MODULES.append(astroid.parse(SOURCE, module_name="sample"))
        package = Path(__file__).resolve().parents[2] / "pylint_hybridize" / "model"
        _MODULES.extend(astroid.MANAGER.ast_from_file(str(path)) for path in sorted(package.rglob("*.py"))[:30])
    return _MODULES


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: getattr(q, "__name__", None) or "+".join(k.__name__ for k in q))
def test_of_class_is_nodes_of_class(question):
    for module in _modules():
        walked = index_module(module)
        assert walked.of_class(question) == list(module.nodes_of_class(question)), module.name


def test_the_walk_holds_every_node_once_in_order():
    module = astroid.parse(SOURCE, module_name="sample")
    walked = index_module(module)
    assert walked.order == list(module.nodes_of_class(nodes.NodeNG))
    assert walked.of_class(nodes.FunctionDef)[-1].name == "inner"
    assert any(isinstance(f, nodes.AsyncFunctionDef) for f in walked.of_class(nodes.FunctionDef))
