"""Runs the variants of the speedup programs and reports what each printed, its times and its traces.

A program lives in ``benchmarks/speedup/<name>/``: ``README.md`` (its origin, entry module,
tolerance and the traces its reference takes), ``eager/`` (the program as its authors would run it
eagerly), ``reference.patch`` (the hand-hybridized version, as a diff against ``eager/``) and, for
the programs where hybridizing naively goes wrong, ``naive.patch`` (``@tf.function`` put on without
thought). The variants are materialized in a scratch directory:

- ``eager``: ``eager/`` as it is;
- ``reference``: ``eager/`` with ``reference.patch`` applied;
- ``naive``: ``eager/`` with ``naive.patch`` applied;
- ``fixed``: ``eager/`` after ``pylint-hybridize fix --unsafe-fixes --enable tf-function-opportunity``.

Each run executes the program's entry module as ``__main__`` in a process of its own. By default
that process is forked from a server that has already imported TensorFlow, so a run costs the
program's own work and not the 4-5 s of ``import tensorflow`` (which is the same for every variant);
``fresh=True`` starts a new interpreter instead. After the program, the child counts the traces of
every ``tf.function`` object the program created (found by watching ``Function.__init__``, so no
variant has to declare what it decorated): ``{"train.train_step": 1, "model.Net.call": 2}``, keyed
by the module path inside the program and the function's qualified name.

    python -m benchmarks.speedup.runner once RUN_DIR ENTRY   # one run here, JSON on stdout
    python -m benchmarks.speedup.runner serve                # the fork server (JSON lines in and out)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PYLINT_HYBRIDIZE_NO_CACHE", "1")  # every run cold (the result cache: warm runs are their own rows)

SPEEDUP_DIR = Path(__file__).resolve().parent
REPO = SPEEDUP_DIR.parent.parent
SUPPORT_DIR = SPEEDUP_DIR / "support"
STEPS_VARIABLE = "HYBRIDIZE_SPEEDUP_STEPS"
VARIANTS = ("eager", "reference", "naive", "fixed")
FIX_COMMAND = ("fix", "--unsafe-fixes", "--enable", "tf-function-opportunity", "--no-config")
# Set before TensorFlow is imported: quiet its C++ start-up lines, and turn off oneDNN's custom
# kernels, which round differently in eager and graph mode (and say so at start-up): with them the
# final training loss of resnet_classifier (80 steps) differed by 2.5e-3 between eager and traced
# runs, without them not at all (other results of the programs agree to ~1e-7).
RUN_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "PYTHONHASHSEED": "0"}


@dataclass
class Program:
    """One program of the harness, as its README describes it."""

    name: str
    path: Path
    origin: str
    entry: str
    tolerance: float
    reference_traces: dict[str, int] = field(default_factory=dict)
    naive_symptom: str | None = None  # "retraces" or "breaks" where naive.patch exists

    @property
    def variants(self) -> tuple[str, ...]:
        return tuple(v for v in VARIANTS if v != "naive" or self.naive_symptom)


_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|\s*`?([^|`]+?)`?\s*\|\s*$")


def load_programs(only: list[str] | None = None) -> list[Program]:
    """Every program directory (with an ``eager/`` folder), or the ones named in ``only``."""
    programs = []
    for path in sorted(p for p in SPEEDUP_DIR.iterdir() if (p / "eager").is_dir()):
        if only and path.name not in only:
            continue
        programs.append(parse_readme(path))
    if only and len(programs) != len(set(only)):
        unknown = set(only) - {p.name for p in programs}
        raise SystemExit(f"unknown program(s): {', '.join(sorted(unknown))}")
    return programs


def parse_readme(path: Path) -> Program:
    """The README's key/value rows (``| origin | `owner/name@commit` |``) and its traces table.

    The traces table is the rows after the ``## Reference traces`` heading, ``| `module.function` | N |``.
    """
    facts: dict[str, str] = {}
    traces: dict[str, int] = {}
    section = ""
    for line in (path / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            section = line.strip("# ").lower()
            continue
        match = _ROW.match(line)
        if not match or set(match.group(2)) <= set("-: "):
            continue
        key, value = match.group(1).strip("` "), match.group(2).strip()
        if section.startswith("reference traces"):
            if value.isdigit():
                traces[key] = int(value)
        else:
            facts[key.lower()] = value
    missing = {"origin", "entry"} - set(facts)
    if missing:
        raise ValueError(f"{path / 'README.md'}: no {', '.join(sorted(missing))} row")
    symptom = facts.get("naive") if (path / "naive.patch").is_file() else None
    return Program(
        name=path.name,
        path=path,
        origin=facts["origin"],
        entry=facts["entry"],
        tolerance=float(facts.get("tolerance", "1e-4")),
        reference_traces=traces,
        naive_symptom=symptom,
    )


# --- variants --------------------------------------------------------------------------------------


def materialize(program: Program, variant: str, scratch: Path) -> Path:
    """Write ``variant`` of ``program`` under ``scratch`` and return its directory."""
    target = scratch / program.name / variant
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(program.path / "eager", target, ignore=shutil.ignore_patterns("__pycache__"))
    # the clock is a module of the program, as a project's own helper module would be: the linter
    # reads it like the rest (``steps = clock.steps(10)`` is a Python int), and every variant runs it
    for support in SUPPORT_DIR.glob("*.py"):
        shutil.copy2(support, target / support.name)
    if variant in ("reference", "naive"):
        patch = program.path / f"{variant}.patch"
        subprocess.run(["git", "apply", str(patch)], cwd=target, check=True)
    elif variant == "fixed":
        run_fix(target)
    elif variant != "eager":
        raise ValueError(f"unknown variant {variant!r}")
    return target


def run_fix(directory: Path) -> subprocess.CompletedProcess:
    """``pylint-hybridize fix`` with the opportunity rule's (unsafe) fix, on ``directory`` in place."""
    code = "import sys; from pylint_hybridize.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *FIX_COMMAND, "."],
        cwd=directory,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def same_files(left: Path, right: Path) -> bool:
    """Whether two program directories hold the same Python sources."""
    names = sorted(p.relative_to(left) for p in left.rglob("*.py"))
    if names != sorted(p.relative_to(right) for p in right.rglob("*.py")):
        return False
    return all((left / n).read_bytes() == (right / n).read_bytes() for n in names)


# --- one run (in the child process) -----------------------------------------------------------------


def run_here(run_dir: Path, entry: str, steps: int | None) -> dict:
    """Run the program in this process (a fresh one or a forked child); the dict to report."""
    begin = time.perf_counter()
    if steps is not None:
        os.environ[STEPS_VARIABLE] = str(steps)
    else:
        os.environ.pop(STEPS_VARIABLE, None)
    sys.path[:0] = [str(run_dir), str(SUPPORT_DIR)]  # (a variant holds a copy of the clock: run_dir's comes first)
    sys.argv = [str(run_dir / entry)]
    os.chdir(run_dir)
    created = _watch_functions()
    log = run_dir / ".run.log"
    report: dict = {}
    with open(log, "w", encoding="utf-8") as sink:
        saved = os.dup(1), os.dup(2)
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            import runpy  # pylint: disable=import-outside-toplevel

            namespace = runpy.run_path(str(run_dir / entry), run_name="__main__")
        except BaseException as error:  # pylint: disable=broad-except  # reported, not raised
            namespace = {}
            report["error"] = _error_line(error)
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            for fd, original in zip((1, 2), saved):
                os.dup2(original, fd)
                os.close(original)
    report["process_s"] = time.perf_counter() - begin
    printed = _printed(log)
    if "error" in report:
        printed.pop("error", None)
    report.update(printed)
    report["traces"] = _trace_counts(created, run_dir)
    del namespace
    return report


def _error_line(error: BaseException) -> str:
    """``Type: message`` with the message's last line (TF puts the traced code's own error there)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    name = type(error).__name__
    return (last if last.startswith(f"{name}:") else f"{name}: {last}")[:300]


def _watch_functions() -> list:
    """Keep every tf.function object the program creates (bound-method copies included)."""
    from tensorflow.python.eager.polymorphic_function import (  # pylint: disable=import-outside-toplevel
        polymorphic_function,
    )

    created: list = []
    original = polymorphic_function.Function.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        created.append(self)

    polymorphic_function.Function.__init__ = init
    return created


def _trace_counts(created: list, run_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for function in created:
        key = _function_key(function.python_function, run_dir)
        if key is not None:
            counts[key] = counts.get(key, 0) + function.experimental_get_tracing_count()
    return dict(sorted(counts.items()))


def _function_key(python_function, run_dir: Path) -> str | None:
    """``module.qualname`` for a function defined in the program; None for TF's or Keras's own."""
    inner = python_function
    while hasattr(inner, "__wrapped__"):
        inner = inner.__wrapped__
    inner = getattr(inner, "__func__", inner)
    code = getattr(inner, "__code__", None)
    if code is None:
        return None
    try:
        relative = Path(code.co_filename).resolve().relative_to(run_dir.resolve())
    except ValueError:
        return None
    module = ".".join(relative.with_suffix("").parts)
    qualname = getattr(python_function, "__qualname__", None) or inner.__qualname__
    return f"{module}.{qualname.replace('.<locals>', '')}"


def _printed(log: Path) -> dict:
    """The program's JSON line (its last line that parses as a JSON object)."""
    for line in reversed(log.read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    return {"error": "printed no JSON result line"}


# --- the fork server and its client -------------------------------------------------------------------


def serve() -> None:
    """Import TensorFlow once, then fork a child per request line ``{"run_dir", "entry", "steps"}``."""
    begin = time.perf_counter()
    import tensorflow  # noqa: F401  # pylint: disable=import-outside-toplevel,unused-import

    print(json.dumps({"ready": True, "import_s": time.perf_counter() - begin}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the loop
            os.close(read_end)
            try:
                report = run_here(Path(request["run_dir"]), request["entry"], request.get("steps"))
            except BaseException as error:  # pylint: disable=broad-except
                report = {"error": f"runner: {type(error).__name__}: {error}"}
            with os.fdopen(write_end, "w") as out:
                out.write(json.dumps(report))
            os._exit(0)  # pylint: disable=protected-access  # skip atexit handlers of TF in the child
        os.close(write_end)
        with os.fdopen(read_end) as result:
            text = result.read()
        os.waitpid(pid, 0)
        print(text or json.dumps({"error": "the child died without a report"}), flush=True)


class Runner:
    """Runs program variants: through a fork server (default) or as fresh interpreters."""

    def __init__(self, fresh: bool = False):
        self.fresh = fresh
        self.import_s: float | None = None
        self._server: subprocess.Popen | None = None
        if not fresh:
            self._server = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.speedup.runner", "serve"],
                cwd=REPO,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, **RUN_ENV},
            )
            self.import_s = json.loads(self._server.stdout.readline())["import_s"]

    def run(self, run_dir: Path, entry: str, steps: int | None = None) -> dict:
        if self._server is None:
            return self._run_fresh(run_dir, entry, steps)
        request = {"run_dir": str(run_dir), "entry": entry, "steps": steps}
        self._server.stdin.write(json.dumps(request) + "\n")
        self._server.stdin.flush()
        line = self._server.stdout.readline()
        if not line:
            raise RuntimeError(f"the run server exited (status {self._server.poll()}) while running {run_dir}")
        return json.loads(line)

    def _run_fresh(self, run_dir: Path, entry: str, steps: int | None) -> dict:
        with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
            begin = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "benchmarks.speedup.runner", "once", str(run_dir), entry, out.name]
                + ([str(steps)] if steps is not None else []),
                cwd=REPO,
                check=False,
                env={**os.environ, **RUN_ENV},
            )
            wall = time.perf_counter() - begin
            text = Path(out.name).read_text(encoding="utf-8")
        report = json.loads(text) if text else {"error": "the run died without a report"}
        report["process_s"] = wall  # the whole process: interpreter start and import included
        return report

    def close(self) -> None:
        if self._server is not None:
            self._server.stdin.close()
            self._server.wait(timeout=60)
            self._server = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def main(argv: list[str]) -> None:
    if argv[:1] == ["serve"]:
        serve()
    elif argv[:1] == ["once"] and len(argv) in (4, 5):
        report = run_here(Path(argv[1]), argv[2], int(argv[4]) if len(argv) == 5 else None)
        Path(argv[3]).write_text(json.dumps(report), encoding="utf-8")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
