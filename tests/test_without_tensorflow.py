"""The plugin gives the same messages with and without TensorFlow installed.

We build a throw-away virtual environment that has pylint and astroid but no
TensorFlow (their installed packages are linked in, so this needs no network),
run the plugin-only pylint there and here over the functional cases and docs
examples, and require identical output. Also: the plugin never imports TF.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize.cli import pylint_arguments

REPO = Path(__file__).resolve().parent.parent
TARGETS = [str(REPO / "tests" / "functional" / "cases"), str(REPO / "docs" / "messages")]
LINTER_DISTRIBUTIONS = ("pylint", "astroid", "dill", "platformdirs", "tomlkit", "mccabe", "isort", "typing_extensions")


def _link_distribution(name: str, site: Path) -> None:
    try:
        distribution = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return
    top_levels = set()
    for file in distribution.files or ():
        parts = Path(file).parts
        if parts and not parts[0].endswith((".dist-info", ".egg-info")) and parts[0] != "..":
            top_levels.add(parts[0])
        elif parts and parts[0].endswith(".dist-info"):
            top_levels.add(parts[0])
    root = Path(distribution.locate_file(""))
    for top in top_levels:
        source = root / top
        target = site / top
        if source.exists() and not target.exists() and top != "bin":
            target.symlink_to(source)


@pytest.fixture(scope="module")
def python_without_tensorflow(tmp_path_factory) -> str:
    venv = tmp_path_factory.mktemp("no-tf") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )
    for name in LINTER_DISTRIBUTIONS:
        _link_distribution(name, site)
    (site / "pylint_hybridize_repo.pth").write_text(str(REPO) + "\n", encoding="utf-8")
    probe = subprocess.run([str(python), "-c", "import tensorflow"], capture_output=True, check=False)
    assert probe.returncode != 0, "the no-TF environment can import tensorflow"
    probe = subprocess.run([str(python), "-c", "import pylint, astroid, pylint_hybridize"], capture_output=True, check=False)
    assert probe.returncode == 0, probe.stderr.decode()
    return str(python)


def _lint(python: str, extra: tuple[str, ...] = ()) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYLINT_HYBRIDIZE_DEBUG"] = "1"
    result = subprocess.run(
        [python, "-m", "pylint", *pylint_arguments(TARGETS, ["--msg-template={path}:{line}:{column}: {msg_id} {msg} ({symbol})", *extra])],
        capture_output=True, text=True, cwd=REPO, env=env, check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return sorted(line for line in result.stdout.splitlines() if ": W" in line or ": E" in line or ": R" in line or ": C" in line)


def test_same_messages_with_and_without_tensorflow(python_without_tensorflow):
    have_tf = subprocess.run([sys.executable, "-c", "import tensorflow"], capture_output=True, check=False)
    if have_tf.returncode != 0:
        pytest.fail("this comparison needs tensorflow-cpu installed in the test environment")
    # isolation off: astroid may load TF's sources, our analysis must not care
    with_tf = _lint(sys.executable, ("--hybridize-isolate-tensorflow=no",))
    without_tf = _lint(python_without_tensorflow)
    assert with_tf, "the comparison ran on no messages"
    assert with_tf == without_tf
    assert _lint(sys.executable) == without_tf  # default (auto: isolated)


def test_plugin_run_imports_no_tensorflow():
    code = (
        "import sys\n"
        "from pylint.lint import Run\n"
        "from pylint_hybridize.cli import pylint_arguments\n"
        f"Run(pylint_arguments({TARGETS!r}), exit=False)\n"
        "assert not [m for m in sys.modules if m == 'tensorflow' or m.startswith('tensorflow.')], 'imported TF'\n"
        "print('checked')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("checked")


def test_import_is_cheap():
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import pylint_hybridize"],
        capture_output=True, text=True, check=True,
    )
    imported = [line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line]
    assert "pylint_hybridize" in imported
    assert not any(name.startswith(("tensorflow", "astroid", "pylint.")) for name in imported), imported


def test_isolation_keeps_astroid_out_of_tensorflow(tmp_path):
    """astroid's own parse-time inference loads TF for `class M(tf.Module)` + `self.x = ...`;
    isolation (on by default for plugin-only runs) stops that, and the messages stay the same."""
    source = (
        "import tensorflow as tf\n\n\nclass M(tf.Module):\n    def __init__(self):\n"
        "        self.v = tf.Variable(1.0)\n\n    @tf.function\n    def f(self, x):\n        print(x)\n"
        "        return x\n"
    )
    (tmp_path / "cls.py").write_text(source, encoding="utf-8")
    code = (
        "import sys, astroid\n"
        "from pylint.lint import Run\n"
        "from tests.lint import CollectingReporter\n"
        "reporter = CollectingReporter()\n"
        "Run(['--load-plugins=pylint_hybridize', '--disable=all', '--enable=print-at-trace-time',"
        " *sys.argv[2:], sys.argv[1]], reporter=reporter, exit=False)\n"
        "loaded = sorted(m for m in astroid.MANAGER.astroid_cache if m.split('.')[0] in ('tensorflow', 'keras'))\n"
        "print([(m.line, m.symbol) for m in reporter.messages], bool(loaded))\n"
    )
    def run(*extra):
        result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "cls.py"), *extra],
                                capture_output=True, text=True, cwd=REPO, check=True)
        return result.stdout.strip()

    assert run("--hybridize-isolate-tensorflow=yes") == "[(10, 'print-at-trace-time')] False"
    assert run() == "[(10, 'print-at-trace-time')] False"  # auto: only our messages are enabled
    have_tf = subprocess.run([sys.executable, "-c", "import tensorflow"], capture_output=True, check=False)
    if have_tf.returncode == 0:  # without isolation astroid does load TF's sources
        assert run("--hybridize-isolate-tensorflow=no") == "[(10, 'print-at-trace-time')] True"
        assert run("--enable=no-member") == "[(10, 'print-at-trace-time')] True"  # auto, other checks on
