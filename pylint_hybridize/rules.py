"""The rule records: one ``Rule`` per message, the single source of everything said about a rule.

Each family module (``pylint_hybridize/checkers/<family>.py``) declares its rules at the top,
beside their detection, and its checker class takes its pylint message table from them::

    RULES = (
        Rule("W9101", "print-at-trace-time", template=..., description=..., fix_safety="safe"),
    )

    class SideEffectsChecker(HybridizeChecker):
        msgs = pylint_msgs(RULES)

From the same records come the flake8 codes (``Rule.flake8_code``), the names the command line,
flake8's ``--hybridize-enable`` and ``fix --select`` accept, ``pylint-hybridize rules``, the SARIF
rule descriptions, docs/rules.md and the README's table (``scripts/gen_rules_index.py``): all read
the registry of every family's records, ``pylint_hybridize.checkers`` (``all_rules``, ``families``,
``rule_named``, ``flake8_code``). This module sits below the checkers and imports none of them
(tests/test_layers.py); importing it is cheap (no pylint, no astroid).
"""

from __future__ import annotations

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
        return code_of_msgid(self.msgid)

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


def code_of_msgid(msgid: str) -> str:
    """W9101 -> HYB101: the family digit and the message number (the one place this mapping lives).
    ``registry.flake8_code`` is the checked form, for a msgid that may not be ours."""
    return "HYB" + msgid[2:]


def pylint_msgs(rules: Iterable[Rule]) -> dict[str, tuple[Any, ...]]:
    """A checker's ``msgs`` table in pylint's format, from its family's records."""
    table: dict[str, tuple[Any, ...]] = {}
    for rule in rules:
        if rule.msgid in table:
            raise ValueError(f"{rule.msgid} is declared twice")
        table[rule.msgid] = rule.pylint_definition()
    return table
