"""Speed, memory and crash benchmark on the pinned real-world corpus (benchmarks/corpus.txt).

    python benchmarks/run.py [--packages dm_sonnet,tensorflow_addons] [--default-checks] [--no-tf-python PY]
        [--generated-mb 5]

Fetches the pinned wheels into benchmarks/.cache (pip download --no-deps) when missing, unpacks
them, and for each package runs, each in a fresh subprocess (peak RSS from getrusage):

  parse     astroid parsing alone (AstroidBuilder.file_build over the files)
  floor     pylint --disable=all --enable=missing-module-docstring (loads, parses, walks every file)
  plugin    pylint plugin-only (pylint_hybridize.cli.pylint_arguments)
  flake8    flake8 --select=HYB
  flake8-default       flake8's default checks, our plugin left out (its entry point dropped)
  flake8-default+HYB   flake8's default checks and ours (ratio to flake8-default)
  default   pylint default checks, with and without the plugin (--default-checks; slow)
  no-tf     plugin-only run under a Python without TensorFlow (--no-tf-python PY)

With --scale 'package:10,20,40;module:100,200,400,800', also the growing inputs of
benchmarks/scale.py: CPU time per line of ``pylint-hybridize check``, net of its start-up, with
its ratio to the smallest size (linear cost: the ratio stays near 1).

With --warm, also ``check-first`` / ``check-warm`` and ``flake8-first`` / ``flake8-warm``: the same
command twice with the result cache on (``PYLINT_HYBRIDIZE_CACHE_DIR``: an empty folder of their
own); the warm run's ratio is to the first (docs/benchmarks.md, "Warm re-run").

With --generated-mb N, also a generated module of N MB (``generated``: many small Keras layers,
tf.functions and helpers, as generated code repeats them) gets the floor and plugin runs.

With --editor-files N, also an editor's run: pylint's default checks on ONE module of a generated
N-module package (``editor_package``: each module imports TensorFlow and the three before it, and
calls their hybrids), with and without the plugin (``editor-default``, ``editor-default+plugin``).

The plugin's bytecode is compiled first (``compileall``), as ``pip install`` does: with
PYTHONDONTWRITEBYTECODE set, an editable checkout is otherwise compiled afresh by every run, which
the installed pylint, astroid and flake8 never are.

Prints one table row per package and run: files, SLOC, seconds, SLOC/s, peak RSS, ratio to
the floor (or to parse for flake8), messages per rule, crashes. Timings are single runs on
whatever machine runs this: compare ratios measured in the same run, not absolute figures.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYLINT_HYBRIDIZE_NO_CACHE", "1")  # every run cold (the result cache: warm runs are their own rows)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus_findings import corpus_targets, fetch, python_files  # noqa: E402
from pylint_hybridize.cli import pylint_arguments  # noqa: E402

PARSE_SCRIPT = (
    "import sys, astroid\n"
    "from astroid.builder import AstroidBuilder\n"
    "builder = AstroidBuilder(astroid.MANAGER)\n"
    "for path in sys.argv[1:]:\n"
    "    try:\n"
    "        builder.file_build(path)\n"
    "    except Exception:\n"
    "        pass\n"
)
# flake8 as installed, minus the pylint-hybridize entry point (the same interpreter and flake8)
FLAKE8_WITHOUT_US = (
    "import sys\n"
    "from flake8.plugins import finder\n"
    "_found = finder._find_importlib_plugins\n"
    "finder._find_importlib_plugins = lambda: (p for p in _found() if p.package != 'pylint-hybridize')\n"
    "from flake8.main.cli import main\n"
    "sys.exit(main())\n"
)
GENERATED_BLOCK = '''

def helper_{i}(values, scale=2):
    """Scale every value (a helper that traced code calls)."""
    total = []
    for value in values:
        total.append(value * scale)
    return total


class Block{i}(tf.keras.layers.Layer):
    def __init__(self, units={i}):
        super().__init__()
        self.units = units
        self.count = 0

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs, training=None):
        if training:
            inputs = tf.nn.dropout(inputs, 0.1)
        return tf.matmul(inputs, self.kernel)


@tf.function
def step_{i}(x, y):
    print("step", x)
    loss = tf.reduce_mean(tf.square(x - y))
    for k in range(3):
        loss += tf.cast(k, tf.float32)
    parts = helper_{i}([loss, loss])
    return tf.add_n(parts)


def train_{i}(dataset, model):
    history = []
    for batch in dataset:
        history.append(step_{i}(batch, batch))
    return history
'''


def editor_package(modules: int, name: str = "edpkg") -> dict[str, str]:
    """{relative path: text} of a package of ``modules`` modules: module i imports TensorFlow and
    modules i-1..i-3, defines three tf.functions that call theirs, a Keras layer and a train loop
    that calls its own hybrid with a Python int (a python-scalar-retracing per module)."""
    files = {f"{name}/__init__.py": ""}
    for i in range(modules):
        before = [j for j in (i - 1, i - 2, i - 3) if j >= 0]
        lines = [f'"""Generated module {i}."""', "import tensorflow as tf", ""]
        lines += [f"from {name} import mod_{j}" for j in before]
        for k in range(3):
            lines += ["", "", "@tf.function", f"def step_{i}_{k}(x, n=1):", "    y = x * n"]
            lines += [f"    y = mod_{j}.step_{j}_{k}(y)" for j in before]
            lines.append("    return y")
        lines += [
            "", "",
            f"class Layer{i}(tf.keras.layers.Layer):",
            "    def call(self, inputs):",
            "        return inputs * 2",
            "", "",
            f"def train_{i}(x):",
            "    for n in range(10):",
            f"        x = step_{i}_0(x, n)",
            "    return x",
            "",
        ]
        files[f"{name}/mod_{i}.py"] = "\n".join(lines)
    return files


def generated_module(size: int) -> str:
    """A module of about ``size`` characters: numbered copies of GENERATED_BLOCK (one finding each)."""
    parts = ['"""Generated module."""\nimport numpy as np\nimport tensorflow as tf\n']
    length = len(parts[0])
    index = 0
    while length < size:
        parts.append(GENERATED_BLOCK.format(i=index))
        length += len(parts[-1])
        index += 1
    return "".join(parts)


# each run's ratio is taken against the baseline measured in the same run
BASELINES = {
    "plugin": "floor",
    "flake8": "parse",
    "plugin-no-tf": "floor-no-tf",
    "floor-no-tf": "",
    "default+plugin": "default",
    "flake8-default+HYB": "flake8-default",
    "editor-default+plugin": "editor-default",
    "check-warm": "check-first",
    "flake8-warm": "flake8-first",
}
OUR_SYMBOLS: set[str] = set()
_MESSAGE = re.compile(r"^\S+:\d+:\d+: (?P<id>[A-Z]\d{4}|HYB\d{3}) .*\((?P<symbol>[a-z0-9-]+)\)$")


def sloc(files: list[Path]) -> int:
    count = 0
    for path in files:
        try:
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                stripped = line.strip()
                if stripped and not stripped.startswith("#"):
                    count += 1
        except OSError:
            continue
    return count


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str, str, int]:
    """(seconds, peak RSS in MB of the child, stdout, stderr, exit status)."""
    wrapper = ["/usr/bin/time", "-f", "PEAK_RSS_KB=%M"] if os.path.exists("/usr/bin/time") else []
    started = time.perf_counter()
    result = subprocess.run([*wrapper, *command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    rss = 0
    stderr = result.stderr
    match = re.search(r"PEAK_RSS_KB=(\d+)\s*$", stderr)
    if match:
        rss = int(match.group(1)) // 1024
        stderr = stderr[: match.start()]
    else:
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # upper bound
    return elapsed, rss, result.stdout, stderr, result.returncode


def count_messages(output: str) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    for line in output.splitlines():
        match = _MESSAGE.match(line.strip())
        if match:
            counts[match.group("symbol")] += 1
    return counts


def crashes(stdout: str, stderr: str, status: int | None) -> int:
    bad = stdout.count("astroid-error") + stderr.count("Traceback")
    if status is not None and status & 1:
        bad += 1
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", default="dm_sonnet,tensorflow_addons")
    parser.add_argument("--default-checks", action="store_true", help="also pylint's default checks +/- plugin (slow)")
    parser.add_argument("--no-tf-python", default="", help="a python without TensorFlow, for the with/without run")
    parser.add_argument("--generated-mb", type=float, default=0.0,
                        help="also a generated module of this many MB (floor and plugin runs)")
    parser.add_argument("--scale", default="",
                        help="also the growing inputs of benchmarks/scale.py, e.g. 'package:10,20,40;module:100,200,400,800' "
                             "(CPU time per line of `check`, net of its start-up, as a ratio to the smallest size)")
    parser.add_argument("--editor-files", type=int, default=0,
                        help="also pylint's default checks on one module of a generated package of this many modules, "
                             "with and without the plugin (an editor's run)")
    parser.add_argument("--warm", action="store_true",
                        help="also `check` and flake8 --select=HYB run twice with the result cache on (an empty "
                             "cache folder of their own): the second run's ratio to the first")
    parser.add_argument("--json", default="", help="write the rows here too")
    args = parser.parse_args(argv)
    from pylint_hybridize.engine import Engine  # pylint: disable=import-outside-toplevel

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "pylint_hybridize")], check=False)

    OUR_SYMBOLS.update(d.symbol for d in Engine().linter.msgs_store.messages if d.checker_name.startswith("hybridize"))
    packages = [p for p in args.packages.split(",") if p]
    unpacked = fetch(packages)
    targets = corpus_targets()
    template = ["--msg-template={path}:{line}:{column}: {msg_id} {msg} ({symbol})", "-j1"]
    env = dict(os.environ)
    env.pop("PYLINT_HYBRIDIZE_DEBUG", None)
    # the runs start in each package's folder: this checkout's code, whatever PYTHONPATH said
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *(p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p)])
    rows = []
    if args.generated_mb:
        generated = unpacked.parent / "generated"
        generated.mkdir(parents=True, exist_ok=True)
        (generated / "generated.py").write_text(generated_module(int(args.generated_mb * 1_000_000)), encoding="utf-8")
        targets["generated"] = ["generated.py"]
        packages.append("generated")
    if args.editor_files:
        editor = unpacked.parent / "editor"
        for relative, text in editor_package(args.editor_files).items():
            (editor / relative).parent.mkdir(parents=True, exist_ok=True)
            (editor / relative).write_text(text, encoding="utf-8")
        targets["editor"] = [f"edpkg/mod_{args.editor_files // 2}.py"]
        packages.append("editor")
    for package in packages:
        root = unpacked / package if package not in ("generated", "editor") else unpacked.parent / package
        files = python_files(root, targets[package])
        relative = [str(p.relative_to(root)) for p in files]
        lines = sloc(files)
        dirs = targets[package]
        runs: dict[str, list[str]] = {
            "parse": [sys.executable, "-c", PARSE_SCRIPT, *relative],
            "floor": [sys.executable, "-m", "pylint", "--disable=all", "--enable=missing-module-docstring",
                      "--score=n", "--persistent=n", *template, *dirs],
            "plugin": [sys.executable, "-m", "pylint", *pylint_arguments(dirs, template)],
            "flake8": [sys.executable, "-m", "flake8", "--select=HYB", "-j1", *dirs],
            "flake8-default": [sys.executable, "-c", FLAKE8_WITHOUT_US, "-j1", *dirs],
            "flake8-default+HYB": [sys.executable, "-m", "flake8", "-j1", *dirs],
        }
        if package == "generated":
            runs = {name: runs[name] for name in ("floor", "plugin")}
        if package == "editor":
            runs = {
                "editor-default": [sys.executable, "-m", "pylint", "--score=n", "--persistent=n", *template, *dirs],
                "editor-default+plugin": [sys.executable, "-m", "pylint", "--load-plugins=pylint_hybridize", "--score=n",
                                          "--persistent=n", *template, *dirs],
            }
        if args.no_tf_python:
            runs["parse-no-tf"] = [args.no_tf_python, "-c", PARSE_SCRIPT, *relative]
            runs["floor-no-tf"] = [args.no_tf_python, "-m", "pylint", "--disable=all",
                                   "--enable=missing-module-docstring", "--score=n", "--persistent=n", *template, *dirs]
            runs["plugin-no-tf"] = [args.no_tf_python, "-m", "pylint", *pylint_arguments(dirs, template)]
        if args.warm:  # first and second run with the result cache (in a folder of their own)
            runs["check-first"] = [sys.executable, "-m", "pylint_hybridize.cli", "check", *dirs]
            runs["check-warm"] = runs["check-first"]
            runs["flake8-first"] = [sys.executable, "-m", "flake8", "--select=HYB", "-j1", *dirs]
            runs["flake8-warm"] = runs["flake8-first"]
        if args.default_checks:
            runs["default"] = [sys.executable, "-m", "pylint", "--score=n", "--persistent=n", *template, *dirs]
            runs["default+plugin"] = [sys.executable, "-m", "pylint", "--load-plugins=pylint_hybridize", "--score=n",
                                      "--persistent=n", *template, *dirs]
        measured = {}
        cache_folder = tempfile.TemporaryDirectory(prefix="hybridize-cache-") if args.warm else None
        for name, command in runs.items():
            run_env = env
            if cache_folder is not None and name.endswith(("-first", "-warm")):
                run_env = {**env, "PYLINT_HYBRIDIZE_CACHE_DIR": os.path.join(cache_folder.name, name.split("-")[0])}
                run_env.pop("PYLINT_HYBRIDIZE_NO_CACHE", None)
            seconds, rss, out, err, status = timed(command, root, run_env)
            measured[name] = seconds
            ours = {s: n for s, n in count_messages(out).items() if s in OUR_SYMBOLS}
            if name in ("flake8", "flake8-default+HYB", "flake8-first", "flake8-warm"):
                ours = collections.Counter(line.split()[1] for line in out.splitlines() if " HYB" in line)
            base = measured.get(BASELINES.get(name, ""))
            ratio = f"{seconds / base:.2f}" if base else ""
            row = {
                "package": package, "run": name, "files": len(files), "sloc": lines, "seconds": round(seconds, 2),
                "sloc_per_s": int(lines / seconds) if seconds else 0, "peak_rss_mb": rss, "ratio": ratio,
                "messages": dict(sorted(ours.items())) if name in ("plugin", "plugin-no-tf", "flake8", "flake8-default+HYB", "editor-default+plugin") else {},
                "crashes": crashes(out, err, status if not name.startswith(("flake8", "check")) else None),
            }
            rows.append(row)
            print(
                f"{package:18} {name:15} {len(files):5} files {lines:7} SLOC {seconds:7.1f} s "
                f"{row['sloc_per_s']:6} SLOC/s {rss:5} MB  ratio {ratio or '-':>5}  crashes {row['crashes']}  "
                f"{json.dumps(row['messages']) if row['messages'] else ''}",
                flush=True,
            )
        if cache_folder is not None:
            cache_folder.cleanup()
    for part in filter(None, args.scale.split(";")):
        from benchmarks.scale import measure, print_row  # pylint: disable=import-outside-toplevel

        shape, _colon, sizes = part.partition(":")
        for row in measure(shape, [int(size) for size in sizes.split(",") if size]):
            print_row(row)
            rows.append({"package": f"scale-{shape}", **row})
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
