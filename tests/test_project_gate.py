"""The TF gate is per project (issue 27 step 3) and decided before astroid (issue 29 step 3): a module
that imports no TensorFlow but imports a project module with hybrids is modelled, by pylint, flake8
and `check` alike, in a package and across plain sibling modules; a module that cannot matter is
skipped from its `ast`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize.model import worth_building

MODEL = "import tensorflow as tf\n\n\n@tf.function\ndef step(x, i):\n    return x * i\n"
DRIVER = ("from {source} import step\n\n\ndef run(x):\n    for i in range(10):\n        x = step(x, i)\n"
          "    return x\n")
HELPER = "def scale(x, i):\n    return x * i\n"
PLAIN = "from util import scale\n\n\ndef run(x):\n    for i in range(10):\n        x = scale(x, i)\n    return x\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("pylint-hybridize")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pylint_hybridize.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=300)


def _flake8(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", *args], capture_output=True, text=True,
                          cwd=cwd, check=False, timeout=300)


def _pylint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=pylint_hybridize", "--disable=all",
                           "--enable=python-scalar-retracing", "--score=n", "--persistent=n", *args],
                          capture_output=True, text=True, cwd=cwd, check=False, timeout=300)


@pytest.mark.parametrize(
    ("files", "targets", "driver"),
    [
        ({"pkg/__init__.py": "", "pkg/model.py": MODEL, "pkg/train.py": DRIVER.format(source="pkg.model")},
         ["pkg"], "pkg/train.py"),
        ({"pkg/__init__.py": "", "pkg/model.py": MODEL, "pkg/train.py": DRIVER.format(source=".model")},
         ["pkg"], "pkg/train.py"),
        ({"model.py": MODEL, "train.py": DRIVER.format(source="model")}, ["model.py", "train.py"], "train.py"),
    ],
    ids=["package", "relative", "sibling-scripts"],
)
def test_a_tf_free_driver_of_project_hybrids_is_modelled_by_every_path(tmp_path: Path, files, targets, driver):
    _write(tmp_path, files)
    where = f"{driver}:6:"
    check = _cli("check", *targets, cwd=tmp_path)
    assert f"{where}20: W9201" in check.stdout, check.stdout + check.stderr
    flake8 = _flake8(*targets, cwd=tmp_path)
    assert f"{where}21: HYB201" in flake8.stdout, flake8.stdout + flake8.stderr
    pylint = _pylint(*targets, cwd=tmp_path)
    assert f"{where}20: W9201" in pylint.stdout, pylint.stdout + pylint.stderr
    for output in (check.stdout, flake8.stdout, pylint.stdout):
        assert output.count(":6:") == 1, output  # the driver's call, nothing else


def test_a_driver_of_plain_helpers_gets_nothing(tmp_path: Path):
    _write(tmp_path, {"util.py": HELPER, "plain.py": PLAIN})
    assert _cli("check", "plain.py", "util.py", cwd=tmp_path).stdout == ""
    assert _flake8("plain.py", "util.py", cwd=tmp_path).stdout == ""


def _worth(path: Path) -> bool:
    return worth_building(ast.parse(path.read_text(encoding="utf-8")), str(path), ())


def test_the_pre_pass_skips_what_cannot_matter_and_keeps_the_rest(tmp_path: Path):
    _write(tmp_path, {
        "scripts/model.py": MODEL, "scripts/train.py": DRIVER.format(source="model"),
        "scripts/util.py": HELPER, "scripts/plain.py": PLAIN,
        "pkg/__init__.py": "", "pkg/model.py": MODEL + "\nfrom pkg.helpers import scale\n",
        "pkg/helpers.py": HELPER, "pkg/train.py": DRIVER.format(source=".model"),
        "pkg/other.py": "from pkg.util import scale\n", "pkg/util.py": HELPER,
        "pkg/layers.py": "from pkg.util import Base\n\n\nclass Dense(Base):\n    pass\n",
    })
    assert _worth(tmp_path / "scripts/model.py")  # imports TensorFlow
    assert _worth(tmp_path / "scripts/train.py")  # imports a sibling with hybrids
    assert not _worth(tmp_path / "scripts/util.py")
    assert not _worth(tmp_path / "scripts/plain.py")  # imports a sibling without TF
    assert _worth(tmp_path / "pkg/train.py")
    assert _worth(tmp_path / "pkg/helpers.py")  # imported by a module with hybrids: its traced helpers
    assert not _worth(tmp_path / "pkg/other.py")
    assert not _worth(tmp_path / "pkg/util.py")
    assert _worth(tmp_path / "pkg/layers.py")  # derives from a project class: maybe a Keras model
    assert worth_building(ast.parse("import keras\n"), "<string>", ())
    assert worth_building(ast.parse("import mylib\n"), str(tmp_path / "scripts/plain.py"), ("mylib.wrap",))


def test_the_pre_pass_keeps_library_hook_modules_and_helpers_of_wrapped_hybrids(tmp_path: Path):
    """Issue 27 follow-up: a module importing orbit / tf_agents (LIBRARY_HOOKS) holds traced code without a
    TF import; a helper imported by a module whose hybrid comes only from a project wrapper is kept."""
    _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/util.py": "import tensorflow as tf\n\n\ndef compiled(fn):\n    return tf.function(fn)\n",
        "pkg/helpers.py": HELPER,
        "pkg/train.py": "from .util import compiled\nfrom .helpers import scale\n\n\nrun = compiled(scale)\n",
        "pkg/plain.py": "def f():\n    return 1\n",
        "pkg/other.py": "from .plain import f\n",
    })  # fmt: skip
    assert worth_building(ast.parse("import orbit\n"), "<string>", ())
    assert worth_building(ast.parse("from tf_agents.agents import tf_agent\n"), "<string>", ())
    assert _worth(tmp_path / "pkg/helpers.py")  # train.py makes a hybrid through compiled (no `.function`)
    assert not _worth(tmp_path / "pkg/plain.py")
