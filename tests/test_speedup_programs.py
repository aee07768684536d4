"""The speedup harness's programs (benchmarks/speedup/), judged by TensorFlow.

Every program runs eagerly and as its hand-hybridized reference for a few steps
(``HYBRIDIZE_SPEEDUP_STEPS``): the results must agree within the program's tolerance, the eager
program must hold no ``tf.function``, and the reference's trace counts must be the ones its README
states. Where a program says hybridizing it naively goes wrong (``naive.patch``), that must
really happen: the naive version retraces, or breaks.

The declarations (README rows, origins, patches that apply) are checked without TensorFlow.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from benchmarks.speedup.run import results_equal
from benchmarks.speedup.runner import Runner, load_programs, materialize

PROGRAMS = load_programs()
NAIVE = [p for p in PROGRAMS if p.naive_symptom]
TEST_STEPS = 4  # every program calls each of its step functions at least twice in 4 steps


def _name(program):
    return program.name


def test_the_harness_has_the_programs_the_issue_asks_for():
    assert len(PROGRAMS) >= 10
    assert {p.naive_symptom for p in NAIVE} == {"retraces", "breaks"}
    for program in PROGRAMS:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", program.origin), program.origin
        assert (program.path / "eager" / program.entry).is_file()
        assert program.reference_traces, f"{program.name}: README lists no reference traces"
        assert 0 < program.tolerance <= 1e-2


@pytest.mark.parametrize("program", PROGRAMS, ids=_name)
def test_patches_apply_to_the_eager_program(program):
    for variant in ("reference", "naive") if program.naive_symptom else ("reference",):
        patch = program.path / f"{variant}.patch"
        check = subprocess.run(
            ["git", "apply", "--check", str(patch)], cwd=program.path / "eager", capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        assert "@tf.function" in patch.read_text(encoding="utf-8")


def test_results_equal_uses_the_tolerance():
    assert results_equal({"loss": [1.0, 2.0]}, {"loss": [1.0, 2.0 + 1e-6]}, 1e-4)
    assert not results_equal({"loss": [1.0, 2.0]}, {"loss": [1.0, 2.1]}, 1e-4)
    assert not results_equal({"loss": 1.0}, {"loss": 1.0, "accuracy": 0.5}, 1e-4)
    assert not results_equal({"loss": [1.0]}, {"loss": [1.0, 1.0]}, 1e-4)


@pytest.fixture(scope="module")
def runner(tensorflow_available):
    with Runner() as server:
        yield server


@pytest.fixture(scope="module")
def tensorflow_available():
    probe = subprocess.run([sys.executable, "-c", "import tensorflow"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.fail("tensorflow-cpu is not installed: install the 'test' extra (pip install -e '.[test]')")


def _run(runner, program, variant, scratch):
    return runner.run(materialize(program, variant, scratch), program.entry, TEST_STEPS)


@pytest.mark.runtime
@pytest.mark.parametrize("program", PROGRAMS, ids=_name)
def test_reference_equals_eager_and_traces_as_documented(program, runner, tmp_path):
    eager = _run(runner, program, "eager", tmp_path)
    reference = _run(runner, program, "reference", tmp_path)
    assert "error" not in eager, eager["error"]
    assert "error" not in reference, reference["error"]
    assert eager["traces"] == {}, "the eager program must hold no tf.function"
    assert eager["steps"] > 0 and eager["step_s"] > 0 and eager["region_s"] > 0
    assert results_equal(eager["result"], reference["result"], program.tolerance), (
        eager["result"],
        reference["result"],
    )
    assert reference["traces"] == program.reference_traces


@pytest.mark.runtime
@pytest.mark.parametrize("program", NAIVE, ids=_name)
def test_naive_hybridization_goes_wrong(program, runner, tmp_path):
    naive = _run(runner, program, "naive", tmp_path)
    if program.naive_symptom == "breaks":
        assert "error" in naive and "numpy" in naive["error"], naive
    else:
        assert "error" not in naive, naive["error"]
        # one trace per octave size at least, where the reference traces once
        for function, traces in program.reference_traces.items():
            assert naive["traces"][function] >= 5 > traces, naive["traces"]
