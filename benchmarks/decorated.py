"""A real package with its hybrids multiplied (issue 29, step 6): every top-level function of every
module decorated with ``tf.function``, linted beside the package as it is.

    python benchmarks/decorated.py [PACKAGE_FOLDER ...] [--command check|flake8|pylint]

Each package is copied twice into a temporary folder: as it is, and with ``@<tf>.function`` put
above every top-level ``def`` (above its other decorators) and ``import tensorflow as <tf>`` put
after the module's docstring and ``__future__`` imports (``<tf>`` a name the module does not use,
so its own ``tf`` is never shadowed). Hybrids then call hybrids and helpers across modules as the
package's functions call each other: the cross-module facts are asked of real call graphs, not of
the generated package's regular one. The row gives both runs' CPU time (``scale.cpu_run``), per
1,000 lines, the decorated run's ratio per line to the original's, peak RSS and findings.

Default package: tensorflow-addons from the pinned corpus (``benchmarks/.cache/unpacked``).
"""

from __future__ import annotations

import argparse
import ast
import shutil
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scale import command_for, cpu_run  # noqa: E402  (run as a script too)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PACKAGES = [REPO / "benchmarks" / ".cache" / "unpacked" / "tensorflow_addons" / "tensorflow_addons"]


def decorate(text: str) -> tuple[str, int]:
    """``text`` with every top-level function decorated with ``tf.function`` (a module that does not
    parse is left as it is), and how many were decorated."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return text, 0
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
              if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    alias = "tf_"
    while alias in names:
        alias += "_"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    # the first line after the docstring and the __future__ imports: the import goes there
    body = list(tree.body)
    first = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        first = 1
    while first < len(body) and isinstance(body[first], ast.ImportFrom) and body[first].module == "__future__":
        first += 1
    import_at = (body[first - 1].end_lineno or 0) if first else 0
    inserts: dict[int, str] = {}  # line index (0-based) -> text put before it
    for node in functions:
        top = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)]) - 1
        inserts[top] = inserts.get(top, "") + f"@{alias}.function\n"
    inserts[import_at] = f"import tensorflow as {alias}\n" + inserts.get(import_at, "")
    out = []
    for index, line in enumerate(lines):
        out.append(inserts.pop(index, ""))
        out.append(line)
    out.extend(inserts.values())  # an empty module: the import alone
    return "".join(out), len(functions)


def copy_decorated(source: Path, target: Path) -> tuple[int, int]:
    """Copy the package ``source`` to ``target`` with every module decorated: (hybrids added, lines)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    hybrids = lines = 0
    for path in sorted(target.rglob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        decorated, count = decorate(text)
        hybrids += count
        path.write_text(decorated, encoding="utf-8")
        lines += decorated.count("\n")
    return hybrids, lines


def line_count(folder: Path) -> int:
    return sum(path.read_text(encoding="utf-8", errors="replace").count("\n") for path in folder.rglob("*.py"))


def measure(package: Path, command: str = "check") -> dict:
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "plain"
        plain.mkdir()
        shutil.copytree(package, plain / package.name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        decorated = Path(folder) / "decorated"
        decorated.mkdir()
        hybrids, lines = copy_decorated(package, decorated / package.name)
        plain_lines = line_count(plain)
        plain_cpu, plain_rss, plain_out = cpu_run(command_for(command, package.name), plain)
        cpu, rss, out = cpu_run(command_for(command, package.name), decorated)
    per_line = 1e6 * cpu / lines
    plain_per_line = 1e6 * plain_cpu / plain_lines
    return {
        "package": package.name, "hybrids_added": hybrids, "lines": plain_lines, "decorated_lines": lines,
        "cpu": round(plain_cpu, 2), "decorated_cpu": round(cpu, 2),
        "ms_per_kline": round(plain_per_line, 1), "decorated_ms_per_kline": round(per_line, 1),
        "ratio_per_line": round(per_line / plain_per_line, 2),
        "peak_rss_mb": plain_rss, "decorated_peak_rss_mb": rss,
        "findings": sum(1 for line in plain_out.splitlines() if line.startswith(package.name)),
        "decorated_findings": sum(1 for line in out.splitlines() if line.startswith(package.name)),
    }


def print_row(row: dict) -> None:
    print(f"{row['package']}: {row['hybrids_added']} functions decorated; as it is {row['lines']} lines "
          f"{row['cpu']:.2f} s CPU ({row['ms_per_kline']} ms/kline, {row['peak_rss_mb']} MB, {row['findings']} findings); "
          f"decorated {row['decorated_lines']} lines {row['decorated_cpu']:.2f} s CPU ({row['decorated_ms_per_kline']} ms/kline, "
          f"{row['decorated_peak_rss_mb']} MB, {row['decorated_findings']} findings): x{row['ratio_per_line']:.2f} per line",
          flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", type=Path, default=DEFAULT_PACKAGES)
    parser.add_argument("--command", choices=["check", "flake8", "pylint"], default="check")
    args = parser.parse_args(argv)
    for package in args.packages:
        if not package.is_dir():
            print(f"{package}: not a folder (fetch the corpus: benchmarks/corpus_findings.py)", file=sys.stderr)
            return 2
        print_row(measure(package.resolve(), args.command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
