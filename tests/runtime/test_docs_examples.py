"""Every rule's docs examples, judged by TensorFlow and by the linter.

For each ``docs/messages/<symbol>/``:
- ``bad.py`` runs under real TensorFlow and its ``__main__`` block asserts the
  symptom the message claims, ending with a ``SYMPTOM: ...`` line;
- ``good.py`` runs and asserts the symptom is gone, ending with ``OK: ...``;
- the linter reports ``<symbol>`` on every ``# [<symbol>]`` line of ``bad.py``
  (and nothing else), and nothing at all on ``good.py``.

A rule may show more forms as pairs ``bad_<form>.py`` / ``good_<form>.py`` (for instance the
Keras and tf.data contexts: ``bad_train_step.py``); each is judged like ``bad.py``/``good.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lint import DOCS_MESSAGES, engine_hits, expected_hits, our_symbols, pylint_hits

RULE_DIRS = sorted(p for p in DOCS_MESSAGES.iterdir() if p.is_dir() and not p.name.startswith("_"))
EXAMPLES = [
    (rule, path.stem)
    for rule in RULE_DIRS
    for path in sorted([*rule.glob("bad*.py"), *rule.glob("good*.py")])
    if path.stem in ("bad", "good") or path.stem.startswith(("bad_", "good_"))
]


def _id(example):
    rule, kind = example
    return f"{rule.name}/{kind}"


def test_extra_examples_come_in_pairs():
    for rule in RULE_DIRS:
        for path in rule.glob("bad_*.py"):
            partner = rule / path.name.replace("bad_", "good_", 1)
            assert partner.is_file(), f"{path} has no {partner.name}"


def test_every_symbol_has_docs():
    documented = {p.name for p in RULE_DIRS}
    missing = set(our_symbols()) - documented
    assert not missing, f"rules without docs/messages/<symbol>/: {sorted(missing)}"
    for rule in RULE_DIRS:
        for name in ("bad.py", "good.py", "details.md"):
            assert (rule / name).is_file(), f"{rule.name} lacks {name}"


@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_linter_on_docs_example(example):
    rule, kind = example
    path = rule / f"{kind}.py"
    expected = expected_hits(path)
    if kind.startswith("bad"):
        assert expected, f"{path} marks no line with # [{rule.name}]"
        # its own rule on every marked line; a line may carry a second rule where the same code has
        # two bugs (logging a tensor in traced code: logged once, and the text holds the symbolic tensor)
        assert all(any(h.symbol == rule.name and h.line == hit.line for h in expected) for hit in expected)
    else:
        assert not expected
    assert sorted(pylint_hits([path])) == sorted(expected)
    assert sorted(engine_hits([path])) == sorted(expected)


def _tensorflow_available() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import tensorflow"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.fixture(scope="session")
def tensorflow_required():
    if not _tensorflow_available():
        pytest.fail("tensorflow-cpu is not installed: install the 'test' extra (pip install -e '.[test]')")


@pytest.mark.runtime
@pytest.mark.parametrize("example", EXAMPLES, ids=_id)
def test_tensorflow_confirms(example, tensorflow_required):
    rule, kind = example
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(DOCS_MESSAGES), env.get("PYTHONPATH", "")])
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    env["CUDA_VISIBLE_DEVICES"] = ""
    result = subprocess.run(
        [sys.executable, f"{kind}.py"],
        cwd=rule,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{rule.name}/{kind}.py failed under TensorFlow:\n{output[-4000:]}"
    last = [line for line in result.stdout.splitlines() if line.strip()][-1:]
    marker = "SYMPTOM:" if kind.startswith("bad") else "OK:"
    assert last and last[0].startswith(marker), f"{rule.name}/{kind}.py did not end with {marker}:\n{output[-2000:]}"
