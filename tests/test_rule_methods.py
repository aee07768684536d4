"""Every rule's detection lives in one checker method named after its symbol (docs/CONTRIBUTING.md,
"Adding a rule"), and the checker's visit/leave methods reach it: a rule whose method was renamed or
no longer dispatched to would otherwise go silent without any test about its findings noticing
which method is at fault."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import textwrap
from pathlib import Path

import pytest

from pylint_hybridize.checkers import family_modules
from pylint_hybridize.registry import all_rules
from pylint_hybridize.rules import Rule

from tests.lint import engine_hits

REPO = Path(__file__).resolve().parent.parent
ENTRY_POINTS = ("open", "close")  # besides visit_* / leave_*


def _checker_class(rule: Rule) -> type:
    """The checker class whose ``msgs`` (``pylint_msgs(RULES)``) holds the rule."""
    owners = []
    for module_name in family_modules():
        module = importlib.import_module(module_name)
        owners += [
            value for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module_name and rule.msgid in (getattr(value, "msgs", None) or {})
        ]
    assert len(owners) == 1, f"{rule.symbol}: in the msgs of {owners}"
    return owners[0]


def _methods(cls: type) -> dict[str, object]:
    """The functions of the class and its bases (not ``object``'s), unwrapped of ``@guarded`` & co."""
    found = {}
    for klass in reversed(cls.__mro__[:-1]):
        for name, value in vars(klass).items():
            function = getattr(value, "__func__", value)
            if inspect.isfunction(function):
                found[name] = inspect.unwrap(function)
    return found


def _self_references(function) -> set[str]:
    """The ``self.<name>`` attributes a method's source mentions (calls and references alike)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return {
        node.attr for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
    }


@functools.cache
def _reached(cls: type) -> frozenset[str]:
    """The methods the checker's visit_*/leave_* (and open/close) reach through ``self.<method>``."""
    methods = _methods(cls)
    pending = [name for name in methods if name.startswith(("visit_", "leave_")) or name in ENTRY_POINTS]
    seen = set(pending)
    while pending:
        for name in _self_references(methods[pending.pop()]):
            if name in methods and name not in seen:
                seen.add(name)
                pending.append(name)
    return frozenset(seen)


RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[rule.symbol for rule in RULES])
def test_every_rule_has_its_method_on_its_checker(rule):
    cls = _checker_class(rule)
    method = getattr(cls, rule.method_name, None)
    assert callable(method), f"{cls.__name__} has no method {rule.method_name}() for {rule.symbol}"
    assert rule.method_name in _methods(cls)


@pytest.mark.parametrize("rule", RULES, ids=[rule.symbol for rule in RULES])
def test_every_rule_method_is_reached_from_a_visit_method(rule):
    cls = _checker_class(rule)
    assert rule.method_name in _reached(cls), (
        f"{cls.__name__}.{rule.method_name} is not reached from any visit_*/leave_* method: {rule.symbol} never runs"
    )


@pytest.mark.parametrize("rule", RULES, ids=[rule.symbol for rule in RULES])
def test_every_rule_method_runs_on_its_bad_example(rule, monkeypatch):
    """Linting ``docs/messages/<symbol>/bad.py`` calls the rule's method (the dispatch really happens)."""
    cls = _checker_class(rule)
    original = getattr(cls, rule.method_name)
    calls = []

    @functools.wraps(original)
    def spy(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(cls, rule.method_name, spy)
    engine_hits([REPO / "docs" / "messages" / rule.symbol / "bad.py"])
    assert calls, f"{cls.__name__}.{rule.method_name} was not called on {rule.symbol}'s bad.py"
