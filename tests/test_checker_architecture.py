"""Checkers ask the model and report (docs/CONTRIBUTING.md, principles 3 and 5, "Adding a rule"):
they resolve nothing themselves and remember nothing between nodes. Name resolution, inference-free
call resolution and every per-module cache live in ``pylint_hybridize/model/`` (one model, each
fact computed once: issue 13). Read from the source, so a new checker module is held to it too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CHECKERS = sorted((Path(__file__).resolve().parent.parent / "pylint_hybridize" / "checkers").glob("*.py"))

# astroid's scope walk and inference, and the model's call resolution: the model's to use
FORBIDDEN_CALLS = {"infer", "inferred", "safe_infer", "lookup", "ilookup", "resolve_callee"}
FORBIDDEN_NAMES = {"safe_infer", "resolve_callee"}  # imported or referenced at all
CACHE_DECORATORS = {"lru_cache", "cache", "cached_property"}
DICT_FACTORIES = {"dict", "defaultdict", "OrderedDict", "WeakKeyDictionary", "WeakValueDictionary"}
CONTAINER_FACTORIES = DICT_FACTORIES | {"set", "list"}
MUTATORS = {"add", "append", "extend", "update", "setdefault", "insert", "__setitem__"}


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _is_container(value: ast.expr | None, factories=CONTAINER_FACTORIES) -> bool:
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return True
    if factories is not DICT_FACTORIES and isinstance(value, (ast.Set, ast.List, ast.SetComp, ast.ListComp)):
        return True
    return isinstance(value, ast.Call) and _called_name(value.func) in factories


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        return [node.target]
    return []


def violations(source: str) -> list[str]:
    """What a checker module does that belongs to the model, one line per finding."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call) and _called_name(node.func) in FORBIDDEN_CALLS:
            found.append(f"{line}: calls {_called_name(node.func)}()")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"{line}: uses {node.id}")
        elif isinstance(node, ast.alias) and node.name.rsplit(".", 1)[-1] in FORBIDDEN_NAMES | CACHE_DECORATORS:
            found.append(f"{line}: imports {node.name}")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if _called_name(target) in CACHE_DECORATORS:
                    found.append(f"{decorator.lineno}: caches {node.name} with @{_called_name(target)}")
        for target in _targets(node):
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if "cache" in name.lower():
                found.append(f"{line}: keeps a cache in {name}")
            elif (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
                and _is_container(getattr(node, "value", None), DICT_FACTORIES)
            ):
                found.append(f"{line}: keeps a dict in self.{name}")
    found += _written_module_containers(tree)
    return found


def _written_module_containers(tree: ast.Module) -> list[str]:
    """Module-level dicts/sets/lists that a function writes to: a cache across modules and runs
    (constant tables such as ``FROZEN_CALLS`` are only read)."""
    containers = {
        target.id
        for statement in tree.body
        for target in _targets(statement)
        if isinstance(target, ast.Name) and _is_container(getattr(statement, "value", None))
    }
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            written = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
                written = node.func.value
            for target in _targets(node) + (node.targets if isinstance(node, ast.Delete) else []):
                if isinstance(target, ast.Subscript):
                    written = target.value
            if isinstance(node, ast.Global):
                found += [f"{node.lineno}: rebinds module-level {name}" for name in node.names if name in containers]
            if isinstance(written, ast.Name) and written.id in containers:
                found.append(f"{node.lineno}: writes to module-level {written.id} in {function.name}()")
    return found


@pytest.mark.parametrize("path", CHECKERS, ids=[path.name for path in CHECKERS])
def test_checkers_ask_the_model_and_keep_no_caches(path):
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("def f(node):\n    return node.func.infer()\n", "calls infer()"),
        ("def f(node):\n    return list(node.inferred())\n", "calls inferred()"),
        ("from pylint.checkers.utils import safe_infer\n", "imports safe_infer"),
        ("from pylint_hybridize.model import traced\ndef f(c):\n    return traced.resolve_callee(c.func)\n",
         "calls resolve_callee()"),
        ("def f(name):\n    return name.lookup(name.name)\n", "calls lookup()"),
        ("import functools\n@functools.lru_cache(maxsize=None)\ndef f(x):\n    return x\n", "caches f with @lru_cache"),
        ("from functools import cache\n", "imports cache"),
        ("class C:\n    def open(self):\n        self._cache_kinds = {}\n", "keeps a cache in _cache_kinds"),
        ("class C:\n    def open(self):\n        self._seen = dict()\n", "keeps a dict in self._seen"),
        ("_SEEN = {}\ndef f(node):\n    _SEEN[node] = 1\n", "writes to module-level _SEEN in f()"),
        ("_SEEN = set()\ndef f(node):\n    _SEEN.add(node)\n", "writes to module-level _SEEN in f()"),
    ],
)
def test_the_rule_catches(source, expected):
    assert any(found.endswith(expected) for found in violations(source)), violations(source)


def test_constant_tables_and_report_once_sets_are_fine():
    source = (
        "TABLE: dict[str, str] = {'a': 'b'}\n"
        "class C:\n"
        "    def report(self, node):\n"
        "        self._reported = set()\n"
        "        self._reported.add(node)\n"
        "        return TABLE.get(node)\n"
    )
    assert violations(source) == []


# -- the import boundary: checkers see the model's public API only ---------------------------------
def model_imports(source: str) -> list[str]:
    """What a checker module imports from the model other than ``from pylint_hybridize.model import
    <a name the package exports in __all__>``, one line per finding."""
    import pylint_hybridize.model as model

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: imports {a.name}" for a in node.names if a.name.startswith("pylint_hybridize.model")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pylint_hybridize.model"):
            if node.module != "pylint_hybridize.model":
                found.append(f"{node.lineno}: imports from {node.module}")
                continue
            found += [f"{node.lineno}: imports {a.name}, not in model.__all__" for a in node.names
                      if a.name not in model.__all__]
    return found


@pytest.mark.parametrize("path", CHECKERS, ids=[path.name for path in CHECKERS])
def test_checkers_import_the_models_public_api_only(path):
    assert model_imports(path.read_text(encoding="utf-8")) == []


def test_every_public_name_is_there():
    import pylint_hybridize.model as model

    assert [name for name in model.__all__ if not hasattr(model, name)] == []
    assert len(model.__all__) == len(set(model.__all__))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from pylint_hybridize.model.values import Kind\n", "imports from pylint_hybridize.model.values"),
        ("from pylint_hybridize.model import _TRIGGER_ROOTS\n", "imports _TRIGGER_ROOTS, not in model.__all__"),
        ("import pylint_hybridize.model.names\n", "imports pylint_hybridize.model.names"),
    ],
)
def test_the_import_rule_catches(source, expected):
    assert any(found.endswith(expected) for found in model_imports(source)), model_imports(source)
