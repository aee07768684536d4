"""The registry of the rules: every family module's records (``checkers/<family>.py``, ``RULES``),
discovered, and the questions asked of them: ``all_rules()``, ``families()``, ``checker_of(rule)``,
``rule_named(symbol, id or HYB code)``, ``flake8_code(msgid)``. Everything that lists rules reads
them here (pylint's tables are the checkers' own ``msgs``): flake8's opt-in codes, ``pylint-hybridize
rules``, ``--enable/--disable/--select`` names, ``# noqa`` codes, SARIF, docs/rules.md and the
README's table.

Above the checkers (it imports their modules); the records themselves (``rules``) sit below them.
"""

from __future__ import annotations

import functools
import importlib

from pylint_hybridize.checkers import family_modules
from pylint_hybridize.rules import Rule


@functools.cache
def families() -> dict[str, tuple[Rule, ...]]:
    """Checker name -> the rules of its family, for every family module (``checkers.family_modules``).

    A family module declares ``RULES``; its checker class is the one whose ``msgs`` holds them.
    """
    found: dict[str, tuple[Rule, ...]] = {}
    for module_name in family_modules():
        module = importlib.import_module(module_name)
        rules = tuple(getattr(module, "RULES", ()))
        if not rules:
            raise LookupError(f"{module_name} declares no RULES")
        checkers = [
            value for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module_name and getattr(value, "msgs", None)
        ]
        for rule in rules:
            owners = [checker.name for checker in checkers if rule.msgid in checker.msgs]
            if len(owners) != 1:
                raise LookupError(f"{rule.symbol}: declared in {module_name}.RULES but in the msgs of {owners}")
            found.setdefault(owners[0], ())
            found[owners[0]] += (rule,)
    return found


@functools.cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule of every family, ordered by pylint id."""
    return tuple(sorted((rule for rules in families().values() for rule in rules), key=lambda rule: rule.msgid))


def checker_of(rule: Rule) -> str:
    """The name of the checker (the family) that reports the rule."""
    for checker, rules in families().items():
        if rule in rules:
            return checker
    raise LookupError(rule.symbol)


@functools.cache
def _by_name() -> dict[str, Rule]:
    return {name.lower(): rule for rule in all_rules() for name in rule.names}


def rule_named(name: str) -> Rule | None:
    """The rule a symbol, pylint id or HYB code names (any case), or None when it is not ours."""
    return _by_name().get(name.strip().lower())


def flake8_code(msgid: str) -> str:
    """The flake8 code of one of our messages (W9101 -> HYB101), from its record."""
    rule = rule_named(msgid)
    if rule is None:
        raise KeyError(f"{msgid} is not a message of this plugin")
    return rule.flake8_code
