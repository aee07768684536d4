"""Lint the real-world corpus with the plugin's checks and list what they find.

    python benchmarks/corpus_findings.py [--corpus-txt FILE] [--corpus DIR] [--only SYMBOL,...]
        [--enable SYMBOL,...] [--out findings.jsonl] [PACKAGE...]

FILE lists the pinned wheels and their lint targets (default: benchmarks/corpus.txt;
benchmarks/corpus_extra.txt is the wider user-style corpus). DIR holds one folder per
unpacked wheel (or sdist) of FILE; by default ($HYBRIDIZE_CORPUS unset) it is
benchmarks/.cache/unpacked, and the pins not there yet are downloaded first (pip download
--no-deps: the wheel for Python 3.11 / manylinux2014_x86_64, else the sdist) and unpacked.
--enable turns on messages that are off by default (e.g. logging-at-trace-time). Runs the same Engine as the flake8
front-end (astroid parse + our checkers; no other pylint checks), prints a count
per package and message, and writes every finding as one JSON line.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("PYLINT_HYBRIDIZE_NO_CACHE", "1")  # every run cold (the result cache: warm runs are their own rows)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pylint_hybridize.engine import Engine, Finding  # noqa: E402

CORPUS_TXT = REPO / "benchmarks" / "corpus.txt"
CACHE = REPO / "benchmarks" / ".cache"
# Issue 25 (Keras 3 semantics): every finding its rules added on the two corpora, reviewed (docs/precision.md,
# "Keras 3 semantics"): (corpus list, package folder, path in the package, line, symbol, verdict, reason). The
# wrong ones were fixed in the model (each with a functional case): the rules no longer report them.
KERAS3_REVIEWED: tuple[tuple[str, str, str, int, str, str, str], ...] = (
    ("corpus.txt", "tf_agents", "tf_agents/keras_layers/dynamic_unroll_layer.py", 321, "tensor-python-control-flow",
     "wrong (fixed)", "'iterations or tf.shape(x)[0]' may be the Python int, and the test checks tf.is_tensor first"),
    ("corpus_extra.txt", "ddsp", "ddsp/training/models/inverse_synthesis.py", 137, "tensor-python-control-flow",
     "wrong (fixed)", "len(features) of the list of feature dicts call hands on"),
    ("corpus_extra.txt", "deepchem", "deepchem/models/graph_models.py", 867, "tensor-python-control-flow",
     "wrong (fixed)", "a comprehension over inputs[4:], a slice of the inputs list Keras passes to call"),
    ("corpus_extra.txt", "tensorflow_recommenders", "tensorflow_recommenders/tasks/retrieval.py", 172,
     "tensor-python-control-flow", "wrong (fixed)",
     "len(tf.shape(x)) fails under Keras 3, but the wheel requires tf-keras: auto now reads its METADATA (Keras 2)"),
    ("corpus_extra.txt", "tensorflow_recommenders", "tensorflow_recommenders/tasks/retrieval.py", 216,
     "tensor-python-control-flow", "wrong (fixed)", "as line 172: the package runs on tf-keras"),
    ("corpus_extra.txt", "tensorflow_graphics", "tensorflow_graphics/projects/gan/minibatch_standarddeviation.py", 76,
     "tensor-python-control-flow", "right",
     "ndims = len(tf.shape(inputs)) in MiniBatchStandardDeviation.call: TypeError under Keras 3 (len of a symbolic "
     "tensor); len(inputs.shape) is static"),
    ("corpus_extra.txt", "tensorflow_federated", "tensorflow_federated/python/analytics/heavy_hitters/iblt/iblt_tensor.py",
     99, "tensor-python-control-flow", "wrong (fixed)",
     "a @tf.function handed to tf.while_loop as its body still converts its own body"),
    ("corpus_extra.txt", "tensorflow_federated", "tensorflow_federated/python/analytics/heavy_hitters/iblt/iblt_tensor.py",
     104, "tensor-python-control-flow", "wrong (fixed)", "as line 99"),
    ("corpus_extra.txt", "alibi_detect", "alibi_detect/utils/tensorflow/kernels.py", 96, "tensor-python-control-flow",
     "right", "a comprehension over gamma = tf.constant(...) in GaussianRBF.call: iterating a symbolic tensor raises "
     "OperatorNotAllowedInGraphError whenever Keras traces call (bad_comprehension.py); eager calls work"),
    *(("corpus_extra.txt", "spektral", path, line, "tensor-python-control-flow", "wrong (fixed)",
       "len(inputs) of the inputs list call hands on to get_inputs")
      for path, line in (("spektral/layers/convolutional/message_passing.py", 172),
                         ("spektral/layers/convolutional/message_passing.py", 175),
                         ("spektral/layers/convolutional/message_passing.py", 180),
                         ("spektral/layers/pooling/src.py", 243), ("spektral/layers/pooling/src.py", 248),
                         ("spektral/layers/pooling/src.py", 253))),
)  # fmt: skip
_WHEEL_FLAGS = ("--only-binary=:all:", "--python-version", "3.11", "--platform", "manylinux2014_x86_64",
                "--platform", "any")


def folder_name(distribution: str) -> str:
    """The folder a distribution is unpacked into: ``tf-agents`` -> ``tf_agents``."""
    return distribution.replace("-", "_").lower()


def pins(corpus_txt: Path = CORPUS_TXT) -> dict[str, str]:
    """{folder name: "name==version"} from a corpus file."""
    found = {}
    for line in corpus_txt.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "|" in line:
            pin = line.split("|", 1)[0].strip()
            found[folder_name(pin.split("==", 1)[0])] = pin
    return found


def fetch(packages: list[str], corpus_txt: Path = CORPUS_TXT, cache: Path = CACHE) -> Path:
    """Download and unpack the pins of ``packages`` that are not in ``cache`` yet; the unpacked folder."""
    unpacked = cache / "unpacked"
    wanted = pins(corpus_txt)
    for package in packages:
        if package not in wanted or (unpacked / package).is_dir():
            continue
        downloads = cache / "downloads" / package
        downloads.mkdir(parents=True, exist_ok=True)
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(downloads)]
        wheel = subprocess.run([*pip, *_WHEEL_FLAGS, wanted[package]], capture_output=True, check=False)
        if wheel.returncode != 0:  # no wheel for this platform: the sdist
            sdist = subprocess.run([*pip, "--no-binary=:all:", wanted[package]], capture_output=True, check=False)
            if sdist.returncode != 0:
                print(f"{package}: cannot download {wanted[package]}", file=sys.stderr)
                continue
        for archive in sorted(downloads.iterdir()):
            if archive.suffix in (".whl", ".zip"):
                with zipfile.ZipFile(archive) as opened:
                    opened.extractall(unpacked / package)
            elif archive.name.endswith(".tar.gz"):
                with tarfile.open(archive) as opened:
                    opened.extractall(unpacked / package, filter="data")
    return unpacked


def as_project_root(root: Path) -> Path:
    """``root`` with an empty ``.git`` folder: an unpacked tree stands for the project's checkout, and the
    linter looks for project files (the Keras evidence) up to the project root only
    (``ProjectLayout.project_root``); unmarked, each package or script folder would be a project of its own."""
    (root / ".git").mkdir(exist_ok=True)
    return root


def corpus_targets(corpus_txt: Path = CORPUS_TXT) -> dict[str, list[str]]:
    """{wheel folder name: lint target paths relative to it}, from corpus.txt."""
    targets = {}
    for line in corpus_txt.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "|" not in line:
            continue
        pin, paths = line.split("|", 1)
        targets[folder_name(pin.split("==", 1)[0])] = paths.split()
    return targets


def python_files(root: Path, targets: list[str]) -> list[Path]:
    files = []
    for target in targets:
        path = root / target
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(path.rglob("*.py")))
    return files


def add_import_roots(root: Path, targets: list[str]) -> None:
    """Put ``root`` and each target's parent on sys.path, as the project's own imports expect.

    Cross-module analysis resolves ``import pkg.mod`` from there; where a target is a folder inside
    a wheel's ``.data`` dir (or a repository's subfolder), its parent is the import root."""
    sys.path.insert(0, str(root))
    for target in targets:
        parent = (root / target).parent
        if str(parent) not in sys.path:
            sys.path.insert(0, str(parent))


def enabled_messages(spec: str) -> list[str]:
    """The off-by-default messages to turn on: a comma-separated list, or ``all`` for every one."""
    names = [name for name in spec.split(",") if name]
    if "all" in names:
        from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

        names = [name for name in names if name != "all"]
        names += [rule.symbol for rule in all_rules() if not rule.default_enabled]
    return names


def lint_files(engine: Engine, files: list[Path]) -> Iterator[tuple[Path, Finding]]:
    """Every finding of ``engine`` on ``files``, in order; unreadable or non-UTF-8 files are skipped."""
    for path in files:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for finding in engine.check_source(source, path=str(path)):
            yield path, finding


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("HYBRIDIZE_CORPUS", ""),
                        help="unpacked corpus (default: benchmarks/.cache/unpacked, fetched when missing)")
    parser.add_argument("--corpus-txt", default=str(CORPUS_TXT),
                        help="pins and lint targets, one 'name==version|paths' a line")
    parser.add_argument("--only", default="", help="comma-separated symbols to keep")
    parser.add_argument("--enable", default="",
                        help="comma-separated off-by-default messages to turn on ('all': every one)")
    parser.add_argument("--out", default="", help="write findings as JSON lines here")
    parser.add_argument("packages", nargs="*")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = argument_parser().parse_args(argv)
    corpus_txt = Path(args.corpus_txt)
    if args.corpus:
        corpus = Path(args.corpus)
    else:
        corpus = fetch(args.packages or list(pins(corpus_txt)), corpus_txt)
    only = {s for s in args.only.split(",") if s}
    enabled = enabled_messages(args.enable)
    engine = Engine(enabled=enabled)
    out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115
    totals: collections.Counter[str] = collections.Counter()
    for package, targets in corpus_targets(corpus_txt).items():
        if args.packages and package not in args.packages:
            continue
        root = corpus / package
        if not root.is_dir():
            print(f"{package}: not unpacked under {corpus}", file=sys.stderr)
            continue
        as_project_root(root)
        add_import_roots(root, targets)
        counts: collections.Counter[str] = collections.Counter()
        started = time.perf_counter()
        files = python_files(root, targets)
        for path, finding in lint_files(engine, files):
            if only and finding.symbol not in only:
                continue
            counts[finding.symbol] += 1
            if out:
                out.write(json.dumps({"package": package, "path": str(path), "line": finding.line,
                                      "symbol": finding.symbol, "message": finding.message}) + "\n")
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{symbol}={n}" for symbol, n in sorted(counts.items())) or "no findings"
        print(f"{package}: {len(files)} files, {elapsed:.1f}s: {summary}")
        totals.update(counts)
    print("total: " + (", ".join(f"{s}={n}" for s, n in sorted(totals.items())) or "no findings"))
    if out:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
