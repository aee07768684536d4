"""Where rules can report (``Rule.reports_in``, issue 29): the engine (flake8, ``check``, ``fix``) runs
no callback of a module whose model traces nothing when every enabled message of that callback is
``traced-code`` or ``own-hybrids``. The findings must be exactly those of running every callback, and
pylint (which runs them all), flake8 and ``check`` must agree on a package whose untraced module has
findings of the rules that report ``anywhere``."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize import engine as engine_module
from pylint_hybridize.engine import Engine
from pylint_hybridize.registry import all_rules
from pylint_hybridize.rules import REPORTS_IN
from tests.lint import our_symbols

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "tests" / "functional" / "cases").rglob("*.py")) + sorted(
    (ROOT / "docs" / "messages").glob("*/*.py")
)

# a module that imports TensorFlow and Keras but has no hybrid, traced context or traced function,
# with a finding of each rule that reports outside traced code (its model is empty: the skip applies)
UNTRACED = (
    "import tensorflow as tf\n"
    "from tensorflow import keras\n\n"
    "tf.config.run_functions_eagerly(True)\n\n\n"
    "def make():\n"
    "    dataset = tf.data.Dataset.range(4)\n"
    "    dataset.batch(2)\n"
    "    return dataset\n\n\n"
    "def build():\n"
    "    rate = tf.Variable(0.5)\n"
    "    return keras.layers.Dropout(rate)\n"
)
TRACED = (
    "import tensorflow as tf\n\n\n"
    "@tf.function\n"
    "def step(x):\n"
    "    print('step', x)\n"
    "    return x\n"
)


def _findings(engine: Engine, paths: list[Path]) -> list[tuple[str, int, int, str, str]]:
    found = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for finding in engine.check_source(source, path=str(path)):
            found.append((str(path), finding.line, finding.col, finding.symbol, finding.message))
    return sorted(found)


def test_every_rule_says_where_it_reports():
    assert {rule.reports_in for rule in all_rules()} <= set(REPORTS_IN)
    assert any(rule.reports_in == "anywhere" for rule in all_rules())


def test_a_callback_with_a_message_that_reports_anywhere_is_never_skipped():
    engine = Engine(enabled=our_symbols())
    anywhere = {name for rule in all_rules() if rule.reports_in == "anywhere" for name in (rule.msgid, rule.symbol)}
    skipped = engine._needs_traced_code  # pylint: disable=protected-access
    assert skipped, "nothing is ever skipped: the test below would compare two equal runs"
    for callback in skipped:
        assert not set(callback.checks_msgs) & anywhere, callback


def test_skipping_untraced_modules_changes_no_finding_on_the_examples():
    """Every functional case and every docs example (bad and good), all rules on: the same findings
    with and without the skip, and the skip was taken on some module (the test can fail)."""
    with_skip = Engine(enabled=our_symbols())
    taken = []
    original = with_skip._traces_anything  # pylint: disable=protected-access

    def traces_anything(module):
        answer = original(module)
        if not answer:
            taken.append(module.file)
        return answer

    with_skip._traces_anything = traces_anything  # type: ignore[method-assign]  # pylint: disable=protected-access
    skipped = _findings(with_skip, EXAMPLES)
    every = _findings(Engine(enabled=our_symbols(), skip_untraced=False), EXAMPLES)
    assert skipped == every
    assert len(every) > 100 and len(taken) >= 5, (len(every), taken)


def test_a_rule_that_claimed_traced_code_wrongly_would_be_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The comparison above can fail: mark eager-execution-leftover (it reports outside traced code)
    and deprecated-tf-function-argument (the other message of its callback) ``traced-code``, and the
    skipping engine loses its finding in the untraced module."""
    module = tmp_path / "untraced.py"
    module.write_text(UNTRACED, encoding="utf-8")
    every = _findings(Engine(skip_untraced=False), [module])
    assert any(f[3] == "eager-execution-leftover" for f in every), every
    wrong = tuple(
        dataclasses.replace(rule, reports_in="traced-code") if rule.symbol in ("eager-execution-leftover", "deprecated-tf-function-argument") else rule
        for rule in all_rules()
    )
    monkeypatch.setattr(engine_module, "all_rules", lambda: wrong)
    lost = _findings(Engine(), [module])
    assert not any(f[3] == "eager-execution-leftover" for f in lost), lost


def _hits(output: str, pattern: str) -> set[tuple[str, int, str]]:
    codes = {rule.msgid: rule.flake8_code for rule in all_rules()}
    return {(Path(m.group(1)).name, int(m.group(2)), codes.get(m.group(3), m.group(3)))
            for m in re.finditer(pattern, output)}  # fmt: skip


def test_pylint_flake8_and_check_agree_on_an_untraced_module_with_findings(tmp_path: Path):
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "untraced.py").write_text(UNTRACED, encoding="utf-8")
    (folder / "traced.py").write_text(TRACED, encoding="utf-8")
    files = ["untraced.py", "traced.py"]
    env_bin = Path(sys.executable).parent
    env = {"PYLINT_HYBRIDIZE_NO_CACHE": "1", "PATH": str(env_bin)}
    pylint = subprocess.run([str(env_bin / "pylint"), "--load-plugins=pylint_hybridize", "--disable=all",
                             "--enable=hybridize-decorators,hybridize-execution-mode,hybridize-retracing,"
                             "hybridize-side-effects,hybridize-variables", *files],
                            capture_output=True, text=True, cwd=folder, check=False, timeout=300, env=env)  # fmt: skip
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", *files], capture_output=True, text=True,
                            cwd=folder, check=False, timeout=300, env=env)  # fmt: skip
    check = subprocess.run([str(env_bin / "pylint-hybridize"), "check", *files], capture_output=True, text=True,
                           cwd=folder, check=False, timeout=300, env=env)  # fmt: skip
    from_pylint = _hits(pylint.stdout, r"([\w./]+\.py):(\d+):\d+: (\w\d{4})")
    from_flake8 = _hits(flake8.stdout, r"([\w./]+\.py):(\d+):\d+: (HYB\d{3})")
    from_check = _hits(check.stdout, r"([\w./]+\.py):(\d+):\d+: (\w\d{4})")
    untraced_codes = {code for name, _line, code in from_flake8 if name == "untraced.py"}
    # the rules that report outside traced code, in the module the skip applies to
    assert {"HYB502", "HYB411", "HYB410"} <= untraced_codes, flake8.stdout
    assert ("traced.py", 6, "HYB101") in from_flake8, flake8.stdout
    assert from_pylint == from_flake8 == from_check, (pylint.stdout, flake8.stdout, check.stdout)
