"""Inputs that grow, to see whether the plugin's cost grows linearly with them (issue 29).

    python benchmarks/scale.py package 10 20 40 [--hybrids 20] [--command check]
    python benchmarks/scale.py module 100 200 400

``package M``: a package of M modules, each defining ``--hybrids`` tf.functions, each of which calls
one hybrid of every other module (half of the modules imported as ``from pkg import mod_j`` and
called as ``mod_j.step_j_k``, half by name through ``from pkg.mod_j import step_j_k as ...``), and
a train loop per module that calls its own and a sibling's hybrid with a Python int (a
python-scalar-retracing per module). Lines grow as M², so compare the cost per line.

``module N``: one module with N tf.functions, each called in a Python loop with a Python int.

Each size is written to a temporary folder and linted by one ``pylint-hybridize check`` (or
``--command flake8``/``pylint``) process; the row gives the child's CPU time (user + sys, from
``resource.getrusage(RUSAGE_CHILDREN)``, so other jobs on the machine count little), its peak RSS,
the lines, the CPU time per 1,000 lines (whole, and "net" of the start-up: the CPU time of the
same command on the empty package or module, measured first) and the findings.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("PYLINT_HYBRIDIZE_NO_CACHE", "1")  # every run cold (the result cache: warm runs are their own rows)

REPO = Path(__file__).resolve().parent.parent


def package_files(modules: int, hybrids: int = 20, name: str = "pkg", acyclic: bool = False) -> dict[str, str]:
    """{relative path: text} of the generated M-module package (``acyclic``: module i imports and
    calls only the modules before it, as importable Python must; otherwise every other one)."""
    files = {f"{name}/__init__.py": ""}
    for i in range(modules):
        others = [j for j in range(modules) if j != i and (j < i or not acyclic)]
        lines = [f'"""Generated module {i}."""', "import tensorflow as tf", ""]
        for j in others:
            if j % 2 == 0:
                lines.append(f"from {name} import mod_{j}")
            else:
                names = ", ".join(f"step_{j}_{k} as s{j}_{k}" for k in range(hybrids))
                lines.append(f"from {name}.mod_{j} import ({names})")
        for k in range(hybrids):
            lines += ["", "", "@tf.function", f"def step_{i}_{k}(x, n=1):", "    y = x * n"]
            for j in others:
                callee = f"mod_{j}.step_{j}_{k}" if j % 2 == 0 else f"s{j}_{k}"
                lines.append(f"    y = {callee}(y)")
            lines.append("    return y")
        sibling = others[0] if others else i  # module 0 of an acyclic package drives its own hybrid twice
        call = f"mod_{sibling}.step_{sibling}_0" if sibling % 2 == 0 else f"s{sibling}_0"
        if sibling == i:
            call = f"step_{i}_0"
        lines += [
            "", "",
            f"def train_{i}(x):",
            "    for n in range(10):",
            f"        x = step_{i}_0(x, n)",
            f"        x = {call}(x, n)",
            "    return x",
            "",
        ]
        files[f"{name}/mod_{i}.py"] = "\n".join(lines)
    return files


def module_text(hybrids: int) -> str:
    """One module of N tf.functions, each called in a Python loop with a Python int."""
    lines = ['"""Generated module."""', "import tensorflow as tf", ""]
    for k in range(hybrids):
        lines += [
            "", "",
            "@tf.function",
            f"def step_{k}(x, n):",
            "    return x * n",
            "",
            "",
            f"def train_{k}(x):",
            "    for n in range(10):",
            f"        x = step_{k}(x, n)",
            "    return x",
        ]
    return "\n".join(lines) + "\n"


def write(root: Path, files: dict[str, str]) -> int:
    count = 0
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    return count


def command_for(kind: str, target: str) -> list[str]:
    if kind == "check":
        return [sys.executable, "-m", "pylint_hybridize.cli", "check", target]
    if kind == "flake8":
        return [sys.executable, "-m", "flake8", "-j1", "--select=HYB", target]
    from pylint_hybridize.cli import pylint_arguments

    return [sys.executable, "-m", "pylint", *pylint_arguments(target)]


def cpu_run(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """(CPU seconds of the child, its peak RSS in MB, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrapper = ["/usr/bin/time", "-f", "PEAK_RSS_KB=%M"] if os.path.exists("/usr/bin/time") else []
    result = subprocess.run([*wrapper, *command], cwd=cwd, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = 0
    for line in result.stderr.splitlines():
        if line.startswith("PEAK_RSS_KB="):
            rss = int(line.split("=", 1)[1]) // 1024
    return cpu, rss, result.stdout


def measure(shape: str, sizes: list[int], hybrids: int = 20, command: str = "check", acyclic: bool = False):
    """Yield one row per size (after the start-up, measured first on size 0): a dict with the size,
    lines, CPU seconds, ms per 1,000 lines whole and net of the start-up, the net figure's ratio to
    the smallest size's, peak RSS and findings."""
    start_up = None
    first_net = None
    for size in [0, *sizes]:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            if shape == "package":
                lines = write(root, package_files(size, hybrids, acyclic=acyclic))
                target = "pkg"
            else:
                lines = write(root, {"module.py": module_text(size)})
                target = "module.py"
            cpu, rss, stdout = cpu_run(command_for(command, target), root)
        if start_up is None:
            start_up = cpu
            yield {"shape": shape, "size": 0, "lines": lines, "cpu": cpu, "start_up": True}
            continue
        net = 1e6 * (cpu - start_up) / lines
        first_net = first_net or net
        yield {
            "shape": shape, "size": size, "lines": lines, "cpu": round(cpu, 2), "ms_per_kline": round(1e6 * cpu / lines, 1),
            "net_ms_per_kline": round(net, 1), "net_ratio": round(net / first_net, 2) if first_net else None,
            "peak_rss_mb": rss, "findings": sum(1 for line in stdout.splitlines() if line.startswith(target)),
        }


def print_row(row: dict) -> None:
    if row.get("start_up"):
        print(f"{row['shape']:8} start-up {row['cpu']:.2f} s CPU (size 0, taken off in 'net')", flush=True)
        return
    print(f"{row['shape']:8} {row['size']:5} {row['lines']:7} lines {row['cpu']:8.2f} s CPU {row['ms_per_kline']:7.1f} "
          f"ms/kline, net {row['net_ms_per_kline']:6.1f} (x{row['net_ratio']:.2f} of the smallest) "
          f"{row['peak_rss_mb']:5} MB {row['findings']:5} findings", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=["package", "module"])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--hybrids", type=int, default=20, help="hybrids per module of the package")
    parser.add_argument("--command", choices=["check", "flake8", "pylint"], default="check")
    parser.add_argument("--acyclic", action="store_true", help="package: module i calls only the modules before it")
    args = parser.parse_args(argv)
    for row in measure(args.shape, args.sizes, args.hybrids, args.command, args.acyclic):
        print_row(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
