"""The rule records: one ``Rule`` per message, the single source of everything said about a rule.

Each family module (``pylint_hybridize/checkers/<family>.py``) declares its rules at the top,
beside their detection, and its checker class takes its pylint message table from them::

    RULES = (
        Rule("W9101", "print-at-trace-time", template=..., description=..., fix_safety="safe"),
    )

    class SideEffectsChecker(HybridizeChecker):
        msgs = pylint_msgs(RULES)

From the same records come the flake8 codes (``Rule.flake8_code``), the names the command line,
flake8's ``--hybridize-enable`` and ``fix --select`` accept (``rule_named``), ``pylint-hybridize
rules``, the SARIF rule descriptions, docs/rules.md and the README's table
(``scripts/gen_rules_index.py``). Importing this module is cheap (no pylint, no astroid); only
``all_rules``/``families`` import the checker modules.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pylint_hybridize.ruledocs import summary

FIX_SAFETY = ("safe", "unsafe", "safe+unsafe", "none")
"""What ``pylint-hybridize fix`` does for a rule: applies its fix by default (safe), only with
``--unsafe-fixes`` (unsafe), some findings one way and some the other (safe+unsafe), or never (none:
the message explains the fix). The "## Fix safety" section of the rule's page says the same (a test
keeps them in agreement)."""

_MSGID = re.compile(r"^[CEFIRW]9\d{3}$")
_SYMBOL = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


@dataclass(frozen=True)
class Rule:  # pylint: disable=too-many-instance-attributes
    """One message of the plugin: its names, its texts, whether it is on by default, how it is fixed."""

    msgid: str
    """pylint's id: category letter, 9, family digit, message number (W9101)."""
    symbol: str
    """pylint's symbol, also the name of the checker method holding the rule ('-' -> '_') and of
    its page (docs/messages/<symbol>/)."""
    template: str
    """The message text with pylint's %-placeholders (the checker passes ``args``)."""
    description: str
    """Why it matters; its first sentence is the summary docs/rules.md shows."""
    fix_safety: str
    """One of ``FIX_SAFETY``."""
    default_enabled: bool = True
    """False for opt-in messages (pylint's ``{"default_enabled": False}``; flake8 needs the code named)."""
    old_names: tuple[tuple[str, str], ...] = ()
    """(old msgid, old symbol) pairs a renamed message still answers to (pylint's ``old_names``)."""

    def __post_init__(self) -> None:
        if not _MSGID.match(self.msgid):
            raise ValueError(f"{self.msgid!r}: a pylint id is a category letter, 9 and three digits")
        if not _SYMBOL.match(self.symbol):
            raise ValueError(f"{self.symbol!r}: a symbol is lower-case words joined by '-'")
        if self.fix_safety not in FIX_SAFETY:
            raise ValueError(f"{self.symbol}: fix_safety {self.fix_safety!r} is not one of {FIX_SAFETY}")

    @property
    def flake8_code(self) -> str:
        """W9101 -> HYB101: the family digit and the message number (the one place this mapping lives)."""
        return "HYB" + self.msgid[2:]

    @property
    def method_name(self) -> str:
        """The checker method holding the rule's detection and fix (print-at-trace-time -> print_at_trace_time)."""
        return self.symbol.replace("-", "_")

    @property
    def names(self) -> tuple[str, str, str]:
        """The names a user may give: symbol, pylint id, flake8 code."""
        return (self.symbol, self.msgid, self.flake8_code)

    @property
    def summary(self) -> str:
        """The first sentence of the description (as docs/rules.md and SARIF's shortDescription show it)."""
        return summary(self.description)

    @property
    def page(self) -> str:
        """The rule's page, relative to the repository."""
        return f"docs/messages/{self.symbol}/details.md"

    def pylint_definition(self) -> tuple[Any, ...]:
        """The value of pylint's ``msgs[msgid]``: (template, symbol, description[, options])."""
        options: dict[str, Any] = {}
        if not self.default_enabled:
            options["default_enabled"] = False
        if self.old_names:
            options["old_names"] = [tuple(pair) for pair in self.old_names]
        if options:
            return (self.template, self.symbol, self.description, options)
        return (self.template, self.symbol, self.description)


def pylint_msgs(rules: Iterable[Rule]) -> dict[str, tuple[Any, ...]]:
    """A checker's ``msgs`` table in pylint's format, from its family's records."""
    table: dict[str, tuple[Any, ...]] = {}
    for rule in rules:
        if rule.msgid in table:
            raise ValueError(f"{rule.msgid} is declared twice")
        table[rule.msgid] = rule.pylint_definition()
    return table


@functools.cache
def families() -> dict[str, tuple[Rule, ...]]:
    """Checker name -> the rules of its family, for every family module (``checkers.family_modules``).

    A family module declares ``RULES``; its checker class is the one whose ``msgs`` holds them.
    """
    from pylint_hybridize.checkers import family_modules  # pylint: disable=import-outside-toplevel

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
