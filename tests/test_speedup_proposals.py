"""What ``tf-function-opportunity`` proposes on the speedup harness's eager programs (issue 30),
read without TensorFlow: every function the hand-hybridized references decorate, except the misses
listed here with the reason the model cannot prove them yet, and nothing else (``eager_guide``'s
``train_step``, which hybridizing breaks, in particular).

Each program is checked in a process of its own: the programs share module names (``model``,
``train``) that one astroid cache would mix up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from benchmarks.speedup.runner import load_programs, materialize

PROGRAMS = load_programs()

# the reference's decorated functions the rule does not propose, as (file, def), and why (docs/benchmarks.md)
KNOWN_MISSES: dict[str, set[tuple[str, str]]] = {}

_PROPOSED = re.compile(r"^([\w./]+\.py):\d+:\d+: C9504: '(\w+)' runs", re.MULTILINE)


def _decorated(patch: str) -> set[tuple[str, str]]:
    """The (file, def) pairs a reference patch decorates with ``@tf.function``."""
    found, pending, current = set(), False, ""
    for line in patch.splitlines():
        if line.startswith("+++ "):
            current = line[4:].split("/", 1)[-1].strip()
            continue
        if line.startswith("+") and "@tf.function" in line:
            pending = True
        match = re.match(r"^[ +]\s*def (\w+)\(", line)
        if match and pending:
            found.add((current, match.group(1)))
            pending = False
    return found


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.name)
def test_the_rule_proposes_what_the_reference_hybridizes(program, tmp_path):
    expected = _decorated((program.path / "reference.patch").read_text(encoding="utf-8"))
    # linted as the harness fixes it: the eager program with its copy of the clock (``materialize``)
    eager = materialize(program, "eager", tmp_path)
    checked = subprocess.run(
        [sys.executable, "-c", "import sys; from pylint_hybridize.cli import main; sys.exit(main())", "check", "--enable", "tf-function-opportunity", "."],
        cwd=eager, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYLINT_HYBRIDIZE_NO_CACHE": "1"},
    )
    proposed = set(_PROPOSED.findall(checked.stdout))
    assert proposed <= expected, f"proposed beyond the reference: {proposed - expected}"
    assert expected - proposed == KNOWN_MISSES.get(program.name, set()), checked.stdout + checked.stderr
