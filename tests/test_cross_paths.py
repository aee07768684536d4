"""Every path gives the same answer (issue 28, step 4): a property test over generated modules.

``CASES`` generated modules (``tests/generated.py``, seeded: the same cases every run), each with
random suppression comments, are written as one tree; each path runs once over the whole tree:

- the pytest plugin: a generated test calls ``observed`` of every case that defines it with three
  shapes, under ``pytest -n 2 --hybridize-traces`` (the workers' records merged); the record then
  lies at the root of the tree, and every other path reads it (observed-retracing);
- pylint with the plugin, flake8 with the HYB codes, ``pylint-hybridize check``, and
  ``pylint-hybridize fix --diff --unsafe-fixes``.

Then, per case: pylint, flake8 and ``check`` report the same (line, message) pairs; ``fix`` counts the
same findings and changes no line whose finding was silenced (the lines where the module without
its suppression comments, ``Case.bare``, has a finding and the module has none); the module without
comments has every finding the module has (a comment only ever silences).

Replay a failing case: ``python -m tests.generated CASE [SEED]`` prints it; ``HYBRIDIZE_PROPERTY_SEED``
and ``HYBRIDIZE_PROPERTY_CASES`` change the seed and the number of cases of a run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize.registry import rule_named
from tests.generated import SEED, case

CASES = int(os.environ.get("HYBRIDIZE_PROPERTY_CASES", "500"))
RUN_SEED = int(os.environ.get("HYBRIDIZE_PROPERTY_SEED", str(SEED)))
REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
_FINDING = re.compile(r"^(?P<path>[^:\n]+\.py):(?P<line>\d+):\d+: (?P<rest>.*)$", re.MULTILINE)
_SYMBOL = re.compile(r"\(([a-z0-9-]+)\)$")

OBSERVED_TEST = """\
import importlib
import sys
from pathlib import Path

import pytest
import tensorflow as tf

CASES = Path(__file__).resolve().parent.parent / "cases"
sys.path.insert(0, str(CASES))
NAMES = sorted(p.stem for p in CASES.glob("case_*.py") if "def observed(" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_observed(name):
    module = importlib.import_module(name)
    for size in (1, 2, 3):
        module.observed(tf.ones([size]))
"""


def _env() -> dict[str, str]:
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", TF_CPP_MIN_LOG_LEVEL="3",
                CUDA_VISIBLE_DEVICES="", PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, env=_env(), check=False, timeout=1500)


def _by_file(output: str, symbol_of) -> dict[str, set[tuple[int, str]]]:  # noqa: ANN001
    found: dict[str, set[tuple[int, str]]] = {}
    for match in _FINDING.finditer(output):
        symbol = symbol_of(match["rest"])
        if symbol:
            found.setdefault(Path(match["path"]).name, set()).add((int(match["line"]), symbol))
    return found


def _symbol(rest: str) -> str | None:
    match = _SYMBOL.search(rest)
    return match.group(1) if match and rule_named(match.group(1)) else None


def _changed_lines(diff: str) -> dict[str, set[int]]:
    """Original line numbers each file's diff removes or rewrites."""
    changed: dict[str, set[int]] = {}
    name, line = "", 0
    for row in diff.splitlines():
        if row.startswith("--- a/"):
            name = Path(row[6:]).name
        elif row.startswith("@@"):
            line = int(row.split()[1].split(",")[0][1:]) - 1
        elif row.startswith("-"):
            line += 1
            changed.setdefault(name, set()).add(line)
        elif row.startswith(" "):
            line += 1
    return changed


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cross_paths")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "cases").mkdir()
    (root / "tests").mkdir()
    (root / "tests" / "test_observed.py").write_text(OBSERVED_TEST, encoding="utf-8")
    for number in range(CASES):
        (root / "cases" / f"case_{number:04d}.py").write_text(case(number, RUN_SEED).text, encoding="utf-8")
    return root


@pytest.mark.runtime  # the pytest plugin's path runs TensorFlow
def test_every_path_gives_the_same_answer(tree: Path):  # pylint: disable=too-many-locals
    recorded = _run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "xdist", "-n", "2",
                    "tests", "--hybridize-traces", cwd=tree)
    assert "trace(s) recorded in" in recorded.stdout, recorded.stdout[-3000:] + recorded.stderr[-3000:]
    template = "--msg-template={path}:{line}:{column}: {msg_id}: {msg} ({symbol})"
    from pylint_hybridize.cli import pylint_arguments

    pylint = _run(sys.executable, "-m", "pylint", *pylint_arguments(["cases"], [template]), cwd=tree)
    flake8 = _run(sys.executable, "-m", "flake8", "--select=HYB", "cases", cwd=tree)
    check = _run(str(BIN / "pylint-hybridize"), "check", "cases", cwd=tree)
    fix = _run(str(BIN / "pylint-hybridize"), "fix", "--diff", "--unsafe-fixes", "cases", cwd=tree)
    for result in (pylint, flake8, check, fix):
        assert "Traceback" not in result.stderr, result.stderr[-3000:]

    from pylint_hybridize.engine import Engine

    paths = {
        "pylint": _by_file(pylint.stdout, _symbol),
        "flake8": _by_file(flake8.stdout, _symbol),
        "check": _by_file(check.stdout, _symbol),
    }
    changed = _changed_lines(fix.stdout)
    engine = Engine()
    observed = silencing = 0
    failures = []
    for number in range(CASES):
        generated = case(number, RUN_SEED)
        name = f"case_{number:04d}.py"
        answers = {path: found.get(name, set()) for path, found in paths.items()}
        observed += any(symbol == "observed-retracing" for _line, symbol in answers["check"])
        bare = {(f.line, f.symbol) for f in engine.check_source(generated.bare_text, path=str(tree / "cases" / name))}
        silenced = {line for line, symbol in bare - answers["check"] if symbol != "observed-retracing"}
        silencing += bool(silenced)
        problems = []
        if len({frozenset(found) for found in answers.values()}) != 1:
            problems.append(f"the paths disagree: {answers}")
        if not {item for item in answers["check"] if item[1] != "observed-retracing"} <= bare:
            problems.append(f"a finding the module without comments does not have: {answers['check'] - bare}")
        if changed.get(name) and not answers["check"]:
            problems.append("fix changed a file without findings")
        if changed.get(name, set()) & silenced:
            problems.append(f"fix changed silenced lines {sorted(changed[name] & silenced)}")
        if problems:
            listing = "".join(f"{i:4d} {line}" for i, line in enumerate(generated.lines, 1))
            failures.append(f"case {number} (replay: python -m tests.generated {number} {RUN_SEED}):\n  "
                            + "\n  ".join(problems) + "\n" + listing)
    assert not failures, f"{len(failures)} of {CASES} cases:\n" + "\n".join(failures[:5])
    total = sum(len(found) for found in paths["check"].values())
    assert f"of {total} finding" in fix.stderr.splitlines()[-1], (total, fix.stderr[-500:])
    # the cases do exercise the paths: findings, observed traces, silenced findings, fixes
    assert total > CASES and observed > CASES // 10 and silencing > CASES // 10 and len(changed) > CASES // 4, (
        total, observed, silencing, len(changed))
