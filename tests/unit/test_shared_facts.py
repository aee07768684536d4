"""Facts shared across module models (issue 29: cost linear in the package): a module model asks
them of the package's other modules, so they are kept once per run, on the node (``store.node_fact``)
or by the module a fact is about. What a model answers must not depend on which models were built
before it: the answers after every other module's model was built (the shared facts warm) equal the
answers of a cold run that builds that one model alone, on a package whose hybrids call each other in
a cycle (the recursion and value-kind questions stop at cycle cut-offs)."""

import sys
from pathlib import Path

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import Settings, TraceModel, forget_models, hybrid_scalar_literals
from pylint_hybridize.model.project.store import forget_facts, node_fact

_MODULE = """import tensorflow as tf
from cyc import {other}
from cyc.{third} import step_{third} as s_{third}


@tf.function
def step_{me}(x, n=1):
    y = x * n
    y = {other}.step_{other}(y)
    y = s_{third}(y, 2)
    y = helper_{me}(y)
    return y


def helper_{me}(x):
    return {other}.step_{other}(x, 3)


def train_{me}(x):
    for n in range(10):
        x = step_{me}(x, n)
        x = {other}.step_{other}(x, 4)
    return x
"""


def _write(root: Path) -> Path:
    package = root / "cyc"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    names = ["a", "b", "c"]
    for index, me in enumerate(names):
        other, third = names[(index + 1) % 3], names[(index + 2) % 3]
        (package / f"{me}.py").write_text(_MODULE.format(me=me, other=other, third=third), encoding="utf-8")
    return package


def _answers(package: Path, name: str) -> dict:
    """What the model of ``cyc.<name>`` says: traced code and its paths, the recursion each call closes,
    the kind of every call argument, the distinct literals passed to each hybrid it calls."""
    module = astroid.MANAGER.ast_from_file(str(package / f"{name}.py"), f"cyc.{name}", source=True)
    model = TraceModel.for_module(module, Settings())
    traced = {getattr(f, "name", "?"): info.path for f, info in model.traced.items()}
    cycles, kinds = {}, {}
    for call in model.calls:
        cycle = model.recursion(call)
        if cycle is not None:
            cycles[call.lineno, call.col_offset] = dict(cycle.calls)[call]
        for argument in call.args:
            answer = model.kind(argument)
            kinds[argument.lineno, argument.col_offset] = (answer.kind, answer.basis, answer.dtype, answer.assumption)
    literals = {}
    for hybrid in [*model.hybrids, *model.imported_hybrids_called()]:
        found = hybrid_scalar_literals(hybrid, model)
        literals[hybrid.name] = {key: sorted(values) for key, values in found.items()}
    return {"traced": traced, "cycles": cycles, "kinds": kinds, "literals": literals}


def _cold() -> None:
    forget_models()
    astroid.MANAGER.clear_cache()  # new trees: no fact kept on a node either


@pytest.mark.parametrize("name", ["a", "b", "c"])
def test_shared_answers_equal_a_cold_model(tmp_path, name):
    package = _write(tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        _cold()
        alone = _answers(package, name)
        _cold()
        for other in ["a", "b", "c"]:
            if other != name:
                _answers(package, other)  # fills the facts shared across models
        warm = _answers(package, name)
    finally:
        sys.path.remove(str(tmp_path))
        _cold()
    assert warm == alone
    # the case is cyclic: each hybrid's recursion closes through the other modules
    assert alone["cycles"], alone
    assert alone["literals"], alone


def test_node_fact_kept_per_import_path_and_run():
    call = astroid.extract_node("f(1)")
    built = []

    def build():
        built.append(1)
        return len(built)

    assert node_fact(call, "k", build, imports=True) == 1
    assert node_fact(call, "k", build, imports=True) == 1  # kept
    sys.path.insert(0, "/nonexistent-scale-test")
    try:
        assert node_fact(call, "k", build, imports=True) == 2  # another sys.path: imports may resolve differently
    finally:
        sys.path.remove("/nonexistent-scale-test")
    assert node_fact(call, "k", build, imports=True) == 3
    forget_facts()  # a sibling changed: what resolved into it is stale
    assert node_fact(call, "k", build, imports=True) == 4
    assert node_fact(call, "syntax", build) == 5
    forget_facts()
    assert node_fact(call, "syntax", build) == 5  # the code alone decides it: kept with the tree
    assert isinstance(call, nodes.Call)
