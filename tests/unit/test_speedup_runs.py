"""The speedup table's bookkeeping (benchmarks/speedup/run.py), without TensorFlow: a fixed program
whose code is the eager or the reference program's is that program, measured once."""

from __future__ import annotations

from pathlib import Path

from benchmarks.speedup.run import ProgramRuns
from benchmarks.speedup.runner import Program


def _program() -> Program:
    return Program(name="p", path=Path("."), origin="o/r@" + "0" * 40, entry="main.py", tolerance=1e-6)


def _run(process_s: float) -> dict:
    return {"process_s": process_s, "step_s": process_s / 10, "result": {"x": 1.0}, "traces": {}}


def test_a_fixed_program_that_is_the_reference_takes_the_reference_runs():
    runs = ProgramRuns(_program(), {}, fixed_is_eager=False, fixed_is_reference=True)
    runs.runs["eager"] = [_run(4.0), _run(4.0)]
    runs.runs["reference"] = [_run(2.0), _run(1.0)]
    assert runs.fixed_same_as == "reference"
    assert runs.speedup("fixed", "process_s") == runs.speedup("reference", "process_s") == 4.0 / 1.5
    assert runs.summary()["fixed_is_reference"] is True


def test_a_fixed_program_that_differs_is_measured_on_its_own():
    runs = ProgramRuns(_program(), {}, fixed_is_eager=False, fixed_is_reference=False)
    runs.runs["eager"] = [_run(4.0)]
    runs.runs["reference"] = [_run(2.0)]
    runs.runs["fixed"] = [_run(1.0)]
    assert runs.fixed_same_as is None
    assert runs.speedup("fixed", "process_s") == 4.0


def test_unchanged_by_the_fix_is_eager_even_when_the_reference_is_too():
    runs = ProgramRuns(_program(), {}, fixed_is_eager=True, fixed_is_reference=True)
    assert runs.fixed_same_as == "eager" and not runs.fixed_is_reference
