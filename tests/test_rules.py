"""The rule records (pylint_hybridize/rules.py): what they generate, where they live, and that what they
say about fixes is what the checkers do."""

from __future__ import annotations

import configparser
import importlib
from pathlib import Path

import pytest
from pylint.lint import PyLinter

from pylint_hybridize.checkers import family_modules, register_all
from pylint_hybridize.engine import Engine
from pylint_hybridize.registry import all_rules, checker_of, families, flake8_code, rule_named
from pylint_hybridize.rules import Rule, pylint_msgs

REPO = Path(__file__).resolve().parent.parent


def _rule(**changes) -> Rule:
    fields = {"msgid": "W9901", "symbol": "some-rule", "template": "%s happens", "description": "It does. More.",
              "fix_safety": "none"}
    return Rule(**{**fields, **changes})


def test_a_record_gives_pylint_its_msgs_entry():
    assert pylint_msgs([_rule()]) == {"W9901": ("%s happens", "some-rule", "It does. More.")}
    assert pylint_msgs([_rule(default_enabled=False)])["W9901"][3] == {"default_enabled": False}
    renamed = pylint_msgs([_rule(old_names=(("W9900", "old-rule"),))])["W9901"][3]
    assert renamed == {"old_names": [("W9900", "old-rule")]}


def test_a_record_derives_its_names():
    rule = _rule()
    assert rule.flake8_code == "HYB901"
    assert rule.names == ("some-rule", "W9901", "HYB901")
    assert rule.method_name == "some_rule"
    assert rule.summary == "It does."
    assert rule.page == "docs/messages/some-rule/details.md"


@pytest.mark.parametrize("changes", [
    {"msgid": "W0101"}, {"msgid": "X9101"}, {"msgid": "W910"}, {"symbol": "Some_rule"}, {"symbol": "rule"},
    {"fix_safety": "maybe"},
])
def test_a_malformed_record_is_refused(changes):
    with pytest.raises(ValueError):
        _rule(**changes)


def test_a_msgid_declared_twice_is_refused():
    with pytest.raises(ValueError):
        pylint_msgs([_rule(), _rule(symbol="other-rule")])


def test_every_family_declares_its_rules_at_the_top_and_its_checker_takes_msgs_from_them():
    seen = set()
    for module_name in family_modules():
        module = importlib.import_module(module_name)
        assert module.RULES, module_name
        checkers = [v for v in vars(module).values()
                    if isinstance(v, type) and v.__module__ == module_name and getattr(v, "msgs", None)]
        assert len(checkers) == 1, f"{module_name}: one checker class per family"
        assert checkers[0].msgs == pylint_msgs(module.RULES)
        assert families()[checkers[0].name] == tuple(module.RULES)
        seen.update(rule.msgid for rule in module.RULES)
        # RULES comes before the first class or function of the module (the record is read first)
        source = Path(module.__file__).read_text(encoding="utf-8")
        first_definition = min(source.index(f"\n{word} ") for word in ("class", "def") if f"\n{word} " in source)
        assert source.index("\nRULES = (") < first_definition, module_name
    assert seen == {rule.msgid for rule in all_rules()}


def test_pylint_registers_exactly_the_records():
    linter = PyLinter()
    register_all(linter)
    registered = {(d.msgid, d.symbol, d.msg, d.description, d.default_enabled, d.checker_name)
                  for d in linter.msgs_store.messages if d.checker_name.startswith("hybridize")}
    expected = {(r.msgid, r.symbol, r.template, r.description, r.default_enabled, checker_of(r)) for r in all_rules()}
    assert registered == expected
    assert len(all_rules()) == len({r.symbol for r in all_rules()}) == len({r.flake8_code for r in all_rules()})


def test_names_lead_to_the_record():
    rule = rule_named("print-at-trace-time")
    assert rule is not None and rule.msgid == "W9101"
    assert rule_named("w9101") is rule and rule_named("HYB101") is rule and rule_named("hyb101 ") is rule
    assert rule_named("W0611") is None and rule_named("unused-import") is None
    assert flake8_code("W9206") == "HYB206"
    with pytest.raises(KeyError):
        flake8_code("W0611")


def test_the_flake8_entry_point_prefixes_every_code():
    """flake8 runs the plugin for the codes that start with its entry point's name (setup.cfg: HYB)."""
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    entry_points = config["options.entry_points"]["flake8.extension"].split("\n")
    names = [line.split("=", 1)[0].strip() for line in entry_points if line.strip()]
    assert names == ["HYB"]
    assert all(rule.flake8_code.startswith("HYB") and rule.flake8_code[3:].isdigit() for rule in all_rules())


_ENGINE = Engine(enabled=[rule.symbol for rule in all_rules()])


def _fix_kinds(rule: Rule) -> set[str]:
    """safe/unsafe of the fixes the checkers attach to the rule's findings on its docs example and its
    golden fix case (tests/fix_cases/<symbol>.in.py)."""
    kinds = set()
    for path in (REPO / "docs" / "messages" / rule.symbol / "bad.py", REPO / "tests" / "fix_cases" / f"{rule.symbol}.in.py"):
        if not path.exists():
            continue
        for finding in _ENGINE.check_source(path.read_text(encoding="utf-8"), path=str(path)):
            if finding.symbol == rule.symbol and finding.fix is not None and finding.fix.applicable:
                kinds.add("safe" if finding.fix.safe else "unsafe")
    return kinds


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.symbol)
def test_record_fix_safety_is_what_the_checker_does(rule):
    kinds = _fix_kinds(rule)
    if rule.fix_safety == "none":
        assert not kinds, f"{rule.symbol}: the record says no fix, the checker attaches {kinds} fixes"
    elif rule.fix_safety == "safe+unsafe":
        assert kinds, f"{rule.symbol}: no fix seen on its examples"
    else:
        assert kinds == {rule.fix_safety}, f"{rule.symbol}: the record says {rule.fix_safety}, the checker does {kinds}"
