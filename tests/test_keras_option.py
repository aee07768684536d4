"""--hybridize-keras=auto|3|2 is one option for pylint, flake8 and the CLI, and they agree (issue 25)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CASE = Path(__file__).parent / "functional" / "cases" / "keras3" / "unconverted_call.py"
BIN = Path(sys.executable).parent


def _lines(command: list[str], cwd: Path) -> list[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=600)
    return [line for line in result.stdout.splitlines() if "E9405" in line or "HYB405" in line]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("keras_option")
    (root / ".git").mkdir()  # the project's root: no evidence above it
    shutil.copy(CASE, root / "m.py")
    return root


@pytest.mark.parametrize("keras, expected", [("3", 13), ("2", 2), ("auto", 13)])
def test_front_ends_agree(project, keras, expected):
    option = f"--hybridize-keras={keras}"
    pylint = _lines([sys.executable, "-m", "pylint", "--load-plugins=pylint_hybridize", "--disable=all",
                     "--enable=tensor-python-control-flow", option, "m.py"], project)  # fmt: skip
    flake8 = _lines([str(BIN / "flake8"), "--select=HYB405", option, "m.py"], project)
    check = _lines([str(BIN / "pylint-hybridize"), "check", option, "m.py"], project)
    assert len(pylint) == len(flake8) == len(check) == expected, (pylint, flake8, check)


def test_auto_follows_the_requirements(tmp_path):
    (tmp_path / ".git").mkdir()
    shutil.copy(CASE, tmp_path / "m.py")
    (tmp_path / "requirements.txt").write_text("tensorflow==2.12.0\n")
    found = _lines([str(BIN / "pylint-hybridize"), "check", "m.py"], tmp_path)
    assert len(found) == 2, found  # Keras 2: Layer.call converted; the train_step and the comprehension stay
