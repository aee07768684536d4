"""Does following the `tf-function-opportunity` advice make real programs faster, and keep them right?

    python benchmarks/speedup/run.py [--only NAME,NAME] [--repeat N] [--json OUT] [--fresh] [--steps N]

For every program under ``benchmarks/speedup/`` (see ``runner.py`` for the layout) this runs

- ``eager``: the program as written (no ``tf.function`` of its own),
- ``reference``: the program hybridized by hand (``reference.patch``),
- ``fixed``: the program after ``pylint-hybridize fix --unsafe-fixes --enable tf-function-opportunity``
  (when the fix changes nothing, ``fixed`` *is* ``eager`` and is not run again; when it writes the
  reference's code byte for byte, it *is* ``reference``, likewise: the same program is measured once,
  and the table says ``(= reference)``),

interleaved (every repeat runs each program's variants back to back, in a rotating order) and
repeated ``--repeat`` times. It prints, per program: the eager times; the speedup of the reference
and of the fixed program over eager, per step (median step, tracing excluded) and for the whole
process (the child process's wall time: the program's own imports, data, models, tracing, every
step and evaluation; by default the child is forked from a server that has imported TensorFlow, so
the ~4 s of ``import tensorflow``, equal for every variant, is left out; ``--fresh`` includes it);
whether the results equal eager's within the program's tolerance; the traces of every
``tf.function``; and which functions the rule proposed, missed or proposed wrongly (against the
functions the reference hybridizes). Last come the geometric means.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from benchmarks.speedup.runner import Program, Runner, load_programs, materialize, same_files  # noqa: E402

MEASURED = ("eager", "reference", "fixed")


def results_equal(left: dict, right: dict, tolerance: float) -> bool:
    """Same result names, and every value within ``tolerance`` (relative or absolute)."""
    if left.keys() != right.keys():
        return False
    for name in left:
        a, b = _flat(left[name]), _flat(right[name])
        if len(a) != len(b) or not all(math.isclose(x, y, rel_tol=tolerance, abs_tol=tolerance) for x, y in zip(a, b)):
            return False
    return True


def _flat(value) -> list[float]:
    if isinstance(value, list):
        return [x for item in value for x in _flat(item)]
    return [float(value)]


def geometric_mean(values: list[float]) -> float | None:
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def short(name: str) -> str:
    """``train.CustomTraining.train_step`` -> ``CustomTraining.train_step`` (the module stays in the JSON)."""
    return name.split(".", 1)[1] if "." in name else name


class ProgramRuns:
    """Every run of one program's variants, and what they add up to."""

    def __init__(self, program: Program, dirs: dict[str, Path], fixed_is_eager: bool, fixed_is_reference: bool = False):
        self.program = program
        self.dirs = dirs
        self.fixed_is_eager = fixed_is_eager
        # the fix wrote the reference's code byte for byte: one program, measured once (running it
        # twice would compare the machine's scatter with itself, not the fix with the reference)
        self.fixed_is_reference = fixed_is_reference and not fixed_is_eager
        self.runs: dict[str, list[dict]] = {v: [] for v in MEASURED}

    @property
    def fixed_same_as(self) -> str | None:
        """The variant whose runs the fixed program's are: ``eager`` or ``reference`` when its code is theirs."""
        return "eager" if self.fixed_is_eager else "reference" if self.fixed_is_reference else None

    def variant_runs(self, variant: str) -> list[dict]:
        return self.runs[(self.fixed_same_as or variant) if variant == "fixed" else variant]

    def median(self, variant: str, key: str) -> float | None:
        values = [r[key] for r in self.variant_runs(variant) if r.get(key) is not None and "error" not in r]
        return statistics.median(values) if values else None

    def speedup(self, variant: str, key: str) -> float | None:
        eager, other = self.median("eager", key), self.median(variant, key)
        return eager / other if eager and other else None

    def errors(self, variant: str) -> list[str]:
        return sorted({r["error"] for r in self.variant_runs(variant) if "error" in r})

    def equal(self, variant: str) -> bool:
        """Every run of ``variant`` (and every eager run) gives eager's first result."""
        eager_runs = self.runs["eager"]
        if not eager_runs or "result" not in eager_runs[0]:
            return False
        expected = eager_runs[0]["result"]
        return all(
            "result" in r and results_equal(expected, r["result"], self.program.tolerance)
            for r in eager_runs + self.variant_runs(variant)
        )

    def traces(self, variant: str) -> dict[str, int]:
        runs = self.variant_runs(variant)
        return runs[0].get("traces", {}) if runs else {}

    def summary(self) -> dict:
        reference = set(self.traces("reference"))
        proposed = set(self.traces("fixed"))
        return {
            "program": self.program.name,
            "origin": self.program.origin,
            "fixed_is_eager": self.fixed_is_eager,
            "fixed_is_reference": self.fixed_is_reference,
            "eager_process_s": self.median("eager", "process_s"),
            "eager_step_s": self.median("eager", "step_s"),
            **{
                f"{variant}_{what}_speedup": self.speedup(variant, f"{what}_s")
                for variant in ("reference", "fixed")
                for what in ("process", "step", "region")
            },
            "equal": {v: self.equal(v) for v in ("reference", "fixed")},
            "errors": {v: self.errors(v) for v in MEASURED if self.errors(v)},
            "traces": {v: self.traces(v) for v in ("reference", "fixed")},
            "proposed": sorted(proposed & reference),
            "missed": sorted(reference - proposed),
            "wrong": sorted(proposed - reference),
            "runs": self.runs,
        }


def prepare(programs: list[Program], scratch: Path) -> list[ProgramRuns]:
    prepared = []
    for program in programs:
        dirs = {v: materialize(program, v, scratch) for v in MEASURED}
        prepared.append(ProgramRuns(program, dirs, same_files(dirs["eager"], dirs["fixed"]),
                                    same_files(dirs["reference"], dirs["fixed"])))
    return prepared


def measure(prepared: list[ProgramRuns], runner: Runner, repeat: int, steps: int | None) -> None:
    for round_index in range(repeat):
        for item in prepared:
            variants = [v for v in MEASURED if not (v == "fixed" and item.fixed_same_as)]
            shift = round_index % len(variants)
            for variant in variants[shift:] + variants[:shift]:
                report = runner.run(item.dirs[variant], item.program.entry, steps)
                item.runs[variant].append(report)
                status = report.get("error", f"{report.get('process_s', 0):.2f}s")
                print(f"  [{round_index + 1}/{repeat}] {item.program.name} {variant}: {status}", file=sys.stderr)


def _times(value: float | None) -> str:
    return f"{value:.2f}×" if value else "—"


def _traces(traces: dict[str, int]) -> str:
    return ", ".join(f"{short(k)} {n}" for k, n in traces.items()) or "—"


def _names(names: list[str]) -> str:
    return ", ".join(short(n) for n in names) or "—"


def table(summaries: list[dict]) -> tuple[str, dict]:
    header = (
        "| program | eager process | eager step | reference × process | fixed × process | reference × step "
        "| fixed × step | equal ref / fixed | reference traces | fixed traces | proposed | missed | wrong |"
    )
    lines = [header, "|" + "---|" * 13]
    for s in summaries:
        equal = " / ".join("yes" if s["equal"][v] else "**no**" for v in ("reference", "fixed"))
        fixed_note = " (= eager)" if s["fixed_is_eager"] else " (= reference)" if s["fixed_is_reference"] else ""
        lines.append(
            f"| {s['program']} | {s['eager_process_s'] or 0:.2f} s | {(s['eager_step_s'] or 0) * 1000:.1f} ms "
            f"| {_times(s['reference_process_speedup'])} | {_times(s['fixed_process_speedup'])}{fixed_note} "
            f"| {_times(s['reference_step_speedup'])} | {_times(s['fixed_step_speedup'])} | {equal} "
            f"| {_traces(s['traces']['reference'])} | {_traces(s['traces']['fixed'])} "
            f"| {_names(s['proposed'])} | {_names(s['missed'])} | {_names(s['wrong'])} |"
        )
    means = {
        f"{v}_{what}": geometric_mean([s[f"{v}_{what}_speedup"] for s in summaries])
        for v in ("reference", "fixed")
        for what in ("process", "step")
    }
    lines.append(
        f"| **geometric mean** | | | {_times(means['reference_process'])} | {_times(means['fixed_process'])} "
        f"| {_times(means['reference_step'])} | {_times(means['fixed_step'])} | | | | | | |"
    )
    return "\n".join(lines), means


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated program names")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of interleaved runs (default 2)")
    parser.add_argument("--json", type=Path, help="write every run and summary here")
    parser.add_argument("--fresh", action="store_true", help="a new interpreter per run (import included)")
    parser.add_argument("--steps", type=int, help="override every program's step count (HYBRIDIZE_SPEEDUP_STEPS)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory of the variants")
    options = parser.parse_args(argv)

    begin = time.perf_counter()
    programs = load_programs(options.only.split(",") if options.only else None)
    scratch = Path(tempfile.mkdtemp(prefix="hybridize-speedup-"))
    try:
        prepared = prepare(programs, scratch)
        with Runner(fresh=options.fresh) as runner:
            measure(prepared, runner, options.repeat, options.steps)
            import_s = runner.import_s
    finally:
        if options.keep:
            print(f"variants kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    summaries = [item.summary() for item in prepared]
    text, means = table(summaries)
    total = time.perf_counter() - begin
    print(text)
    print()
    ratio = {
        what: means[f"fixed_{what}"] / means[f"reference_{what}"]
        for what in ("process", "step")
        if means[f"fixed_{what}"] and means[f"reference_{what}"]
    }
    print(
        "fixed ÷ reference speedup (geometric means): "
        + ", ".join(f"{what} {value:.2f}" for what, value in ratio.items())
    )
    slower = [s["program"] for s in summaries if (s["fixed_process_speedup"] or 1) < 1]
    unequal = [s["program"] for s in summaries if not all(s["equal"].values())]
    print(f"fixed slower than eager (whole process): {', '.join(slower) or 'none'}")
    print(f"results not equal to eager's: {', '.join(unequal) or 'none'}")
    where = (
        "fresh interpreters"
        if options.fresh
        else f"children forked after `import tensorflow` ({import_s:.1f} s, not counted)"
    )
    print(f"{len(programs)} programs, {options.repeat} rounds, runs in {where}; total {total:.0f} s")
    if options.json:
        options.json.write_text(
            json.dumps({"total_s": total, "import_s": import_s, "means": means, "programs": summaries}, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
